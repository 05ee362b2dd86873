import { createHash, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Ed25519 signatures through WebCrypto over the canonical JSON of a result (keys sorted at every
 * level, no whitespace). The signing key lives with the bidder; the result carries the public key
 * and its fingerprint, which the evaluator registers, so any change to a signed file is detected.
 */
const subtle = webcrypto.subtle;

export interface Signature {
  algorithm: 'Ed25519';
  public_key: string;
  key_fingerprint: string;
  value: string;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function defaultKeyPath(): string {
  return process.env.HDSBENCH_SIGNING_KEY ?? join(homedir(), '.hdsbench', 'signing-key.jwk');
}

export interface SigningKey {
  privateKey: webcrypto.CryptoKey;
  publicRaw: Buffer;
}

/** Load the signing key, creating it (readable by its owner only) on first use. */
export async function loadOrCreateKey(path = defaultKeyPath()): Promise<SigningKey> {
  let jwk: webcrypto.JsonWebKey;
  if (existsSync(path)) jwk = JSON.parse(await readFile(path, 'utf8')) as webcrypto.JsonWebKey;
  else {
    const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    jwk = await subtle.exportKey('jwk', pair.privateKey);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(jwk) + '\n', { mode: 0o600 });
    await chmod(path, 0o600);
  }
  if (jwk === null || typeof jwk !== 'object' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x) throw new Error(`${path} is not an Ed25519 private key (JWK)`);
  const privateKey = await subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['sign']);
  return { privateKey, publicRaw: Buffer.from(jwk.x, 'base64url') };
}

export function fingerprint(publicRaw: Uint8Array): string {
  return createHash('sha256').update(publicRaw).digest('hex');
}

export async function sign(body: unknown, key: SigningKey): Promise<Signature> {
  const bytes = new TextEncoder().encode(canonicalJson(body));
  const value = Buffer.from(await subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes)).toString('base64');
  return { algorithm: 'Ed25519', public_key: key.publicRaw.toString('base64'), key_fingerprint: fingerprint(key.publicRaw), value };
}

/** True when `signature` is a valid signature of `body` by the public key it carries. */
export async function verifySignature(body: unknown, signature: Signature): Promise<boolean> {
  if (signature.algorithm !== 'Ed25519') return false;
  const raw = Buffer.from(signature.public_key, 'base64');
  if (fingerprint(raw) !== signature.key_fingerprint) return false;
  const key = await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  return subtle.verify({ name: 'Ed25519' }, key, Buffer.from(signature.value, 'base64'), new TextEncoder().encode(canonicalJson(body)));
}
