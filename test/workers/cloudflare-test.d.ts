/** The part of @cloudflare/vitest-pool-workers' `cloudflare:test` module these tests use. */
declare module 'cloudflare:test' {
  /** The Worker of wrangler.toml, called without a network. */
  export const SELF: { fetch(input: string | Request | URL, init?: RequestInit): Promise<Response> };
}
