import { InputError } from '../core/errors.js';

/**
 * A base URL for links: http(s), no query or fragment, no trailing slash (a path prefix is kept,
 * for a server behind a proxy at https://example.org/hdsbench). Throws InputError naming the problem.
 */
export function parseBaseUrl(text: string, what = 'the base URL'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`${what} must be an absolute http(s) URL such as https://data.example.org, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`${what} must use http or https, got "${text}"`);
  if (url.search || url.hash || url.username || url.password) throw new InputError(`${what} must have no query, fragment or credentials, got "${text}"`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The Worker's base URL, from its HDSBENCH_BASE_URL variable (wrangler.toml [vars]); undefined
 * without one (relative links). A malformed value is the operator's mistake: every page says so.
 */
export function baseUrlFromEnv(env: Record<string, unknown>): string | undefined {
  const value = env.HDSBENCH_BASE_URL;
  if (typeof value !== 'string' || value === '') return undefined;
  return parseBaseUrl(value, 'HDSBENCH_BASE_URL');
}
