/**
 * Credentials never leave the process: one place that masks them in anything printed or written
 * (terminal output, error messages, log lines, result files). Every target uses it.
 *
 * What is masked, as `***`:
 * - the password of a URL's user-info (`scheme://user:SECRET@host`), even when the password holds
 *   characters that should have been percent-encoded (everything up to the last `@` is masked);
 * - the value of every URL or keyword/value parameter whose name designates a secret (`password`,
 *   `sslpassword`, `sslkey`, `passfile`, `token`, `secret`, `access_key`… see SECRET_NAME);
 * - every value registered with registerSecret(): the secrets found in a target specification
 *   (secretsIn) and in environment variables whose name designates a secret (PGPASSWORD…).
 */

/** Names of parameters (URL query, libpq keyword=value, environment) whose value is a credential. */
export const SECRET_NAME = /pass|pwd|secret|token|key|credential|auth|signature|private/i;

const MASK = '***';
const registered = new Set<string>();

/** Mask `value` wherever it appears in what redactText() sees from now on (also percent-encoded). */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 3 || value === MASK) return;
  registered.add(value);
  for (const encoded of [encodeURIComponent(value), encodeURI(value)]) if (encoded !== value) registered.add(encoded);
  try {
    const decoded = decodeURIComponent(value);
    if (decoded !== value && decoded.length >= 3) registered.add(decoded);
  } catch {
    // not percent-encoded text
  }
}

/** Forget registered secrets (tests). */
export function clearRegisteredSecrets(): void {
  registered.clear();
}

/**
 * The secrets a target specification carries, found leniently (it may be a malformed URL or a
 * mistyped scheme): the user-info password up to the last `@`, and every secret-named parameter.
 */
export function secretsIn(spec: string): string[] {
  const out: string[] = [];
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^:@/]*):(.*)@/is.exec(spec);
  if (m && m[2]) out.push(m[2]);
  for (const p of spec.matchAll(/[?&;\s]([A-Za-z0-9_.-]+)=([^&\s]*)/g)) if (SECRET_NAME.test(p[1]) && p[2]) out.push(p[2]);
  return out;
}

/** The shell's working directories: their names contain "pwd" but their values are paths, not secrets. */
const WORKING_DIRECTORY_VARIABLES = new Set(['PWD', 'OLDPWD']);

/**
 * hdsbench's own variables whose value is a secret (the part-writing route's token); its other
 * variables name files and settings (HDSBENCH_SIGNING_KEY is the signing key's path), not secrets.
 */
const OWN_SECRET_VARIABLE = /^HDSBENCH_.*(TOKEN|SECRET|PASSWORD)/i;

/** Register the secrets of a target specification and of the environment (values of PGPASSWORD, *_SECRET, HDSBENCH_WRITE_TOKEN…). */
export function registerSecretsOf(spec: string | undefined, env: Record<string, string | undefined> = {}): void {
  if (spec) for (const s of secretsIn(spec)) registerSecret(s);
  for (const [name, value] of Object.entries(env)) {
    const own = name.startsWith('HDSBENCH_');
    if (own ? OWN_SECRET_VARIABLE.test(name) : !WORKING_DIRECTORY_VARIABLES.has(name) && SECRET_NAME.test(name)) registerSecret(value);
  }
}

/** A URL (or what was meant as one, even malformed) without its credentials. */
export function redactUrl(url: string): string {
  return redactText(maskAll(url, secretsIn(url)));
}

function maskAll(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s.length) out = out.split(s).join(MASK);
  return out;
}

/** Text with every credential masked: URLs' user-info passwords, secret-named parameters, registered secrets. */
export function redactText(text: string): string {
  // Registered values first, longest first, so that a secret containing another is masked whole.
  let out = maskAll(text, registered);
  // User-info: scheme://user:password@ — up to the last @ of the same token (an unencoded @, / or # in the password is still masked).
  // The usage placeholder `user[:password]@` is not a credential and stays readable in messages.
  out = out.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]*):([^\s'"`]*)@/gi, (all, head: string, secret: string) =>
    secret === MASK || (head.endsWith('[') && secret === 'password]') ? all : `${head}:${MASK}@`,
  );
  // Secret-named parameters in URLs (?password=…&sslkey=…) and keyword/value strings (password=… sslpassword='…').
  out = out.replace(/([?&;\s(,]|^)([A-Za-z0-9_.-]+)=('[^']*'|"[^"]*"|[^&\s'",)]*)/g, (all, lead: string, name: string, value: string) => (SECRET_NAME.test(name) && value && value !== MASK ? `${lead}${name}=${MASK}` : all));
  return out;
}

/** A copy of `value` (JSON-like) with redactText applied to every string, keys included. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k), redactDeep(v)])) as T;
  return value;
}

/**
 * Why a connection URL cannot be used as given, without repeating its secrets: a password holding
 * an unencoded `@`, `/`, `#` or `?` is read by URL parsers as part of the host, path or fragment,
 * and would be sent (and printed) in pieces. Null when the URL is well-formed.
 */
export function connectionUrlProblem(url: string): string | null {
  const rest = /^[a-z][a-z0-9+.-]*:\/\/(.*)$/is.exec(url)?.[1];
  if (rest === undefined) return `${redactUrl(url)} is not a URL (scheme://…)`;
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const after = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const path = after.split('?')[0];
  if ((authority.match(/@/g) ?? []).length > 1 || path.includes('@') || after.includes('#') || /\s/.test(url))
    return `the connection URL ${redactUrl(url)} has a user name or password with characters that must be percent-encoded (@ / # ? % or a space: write %40 %2F %23 %3F %25 %20)`;
  try {
    new URL(url);
  } catch {
    return `the connection URL ${redactUrl(url)} is malformed (percent-encode the user name and password)`;
  }
  return null;
}
