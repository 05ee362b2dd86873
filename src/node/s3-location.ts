import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { S3Config } from '../core/storage/s3-store.js';
import { InputError } from '../core/errors.js';

/** An --out or --dataset value: a local folder, or a bucket and prefix of an S3-compatible service. */
export type Location = { kind: 'local'; path: string } | { kind: 's3'; bucket: string; prefix: string; url: string };

/** S3 settings given on the command line; the rest comes from the environment and the AWS profile. */
export interface S3Options {
  endpoint?: string;
  region?: string;
  /** 'path' (endpoint/bucket/key) or 'virtual' (bucket.endpoint/key). */
  addressing?: 'path' | 'virtual';
}

/**
 * Parse a location. Local paths (and file:// URLs) are folders; s3://bucket/prefix is object
 * storage; any other scheme is refused by name rather than written as a folder called "gs:".
 */
export function parseLocation(value: string, option = '--out'): Location {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'local', path: value };
  if (scheme === 'file') return { kind: 'local', path: decodeURIComponent(new URL(value).pathname) };
  if (scheme === 's3' || scheme === 's3a') {
    const rest = value.slice(scheme.length + 3);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = (slash < 0 ? '' : rest.slice(slash + 1)).replace(/^\/+|\/+$/g, '');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new InputError(`${option} ${value}: "${bucket}" is not a valid bucket name (3 to 63 lower-case letters, digits, dots and hyphens); expected s3://bucket/prefix`);
    if (prefix.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new InputError(`${option} ${value}: the prefix has an empty, "." or ".." segment`);
    return { kind: 's3', bucket, prefix, url: `s3://${bucket}${prefix ? `/${prefix}` : ''}` };
  }
  throw new InputError(`${option} ${value}: the ${scheme}:// scheme is not supported; use a local folder or s3://bucket/prefix (any S3-compatible service: Google Cloud Storage, Azure through an S3 gateway, … with --s3-endpoint)`);
}

type Ini = Map<string, Map<string, string>>;

/** The AWS shared config/credentials format: [section] then key = value, with indented sub-keys as "parent.key". */
export function parseIni(text: string): Ini {
  const out: Ini = new Map();
  let section: Map<string, string> | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const head = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (head) {
      section = new Map();
      out.set(head[1].trim(), section);
      parent = undefined;
      continue;
    }
    const kv = /^(\s*)([^=\s]+)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!kv || !section) continue;
    const indented = kv[1].length > 0;
    if (!indented) {
      parent = kv[3] === '' ? kv[2] : undefined;
      section.set(kv[2], kv[3]);
    } else if (parent) section.set(`${parent}.${kv[2]}`, kv[3]);
  }
  return out;
}

async function readIni(path: string): Promise<Ini> {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new InputError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

/**
 * Endpoint, region, addressing and credentials, the way the AWS CLI and SDKs find them:
 * options, then AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, AWS_REGION / AWS_DEFAULT_REGION,
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, then the profile (AWS_PROFILE or
 * "default") of ~/.aws/credentials and ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE).
 */
export async function resolveS3Config(loc: { bucket: string }, o: S3Options = {}, env: NodeJS.ProcessEnv = process.env): Promise<S3Config> {
  const profile = nonEmpty(env.AWS_PROFILE) ?? 'default';
  const credentials = await readIni(env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'));
  const config = await readIni(env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'));
  const fromCredentials = credentials.get(profile) ?? new Map<string, string>();
  const fromConfig = config.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? new Map<string, string>();
  const setting = (key: string) => nonEmpty(fromCredentials.get(key)) ?? nonEmpty(fromConfig.get(key));

  const region = nonEmpty(o.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? setting('region') ?? 'us-east-1';
  const endpoint = nonEmpty(o.endpoint) ?? nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? nonEmpty(env.AWS_ENDPOINT_URL) ?? setting('s3.endpoint_url') ?? setting('endpoint_url') ?? `https://s3.${region}.amazonaws.com`;
  let url: URL;
  try {
    url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new InputError(`S3 endpoint "${endpoint}" is not an http(s) URL (e.g. https://s3.fr-par.scw.cloud or http://127.0.0.1:9000)`);
  }
  const style = o.addressing ?? (setting('s3.addressing_style') as 'path' | 'virtual' | 'auto' | undefined);
  // Self-hosted services mostly answer path-style only; AWS itself prefers virtual-hosted.
  const pathStyle = style === 'path' || style === 'virtual' ? style === 'path' : !url.hostname.endsWith('amazonaws.com');

  let accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  let secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  let sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  if (!accessKeyId || !secretAccessKey) {
    accessKeyId = setting('aws_access_key_id');
    secretAccessKey = setting('aws_secret_access_key');
    sessionToken = setting('aws_session_token');
  }
  if (!accessKeyId || !secretAccessKey) {
    throw new InputError(`no S3 credentials for ${endpoint}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile with aws_access_key_id / aws_secret_access_key in ~/.aws/credentials (AWS_PROFILE=${profile})`);
  }
  return { endpoint: endpoint.replace(/\/+$/, ''), region, bucket: loc.bucket, pathStyle, accessKeyId, secretAccessKey, sessionToken };
}
