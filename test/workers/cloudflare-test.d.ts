/** The part of @cloudflare/vitest-pool-workers' `cloudflare:test` module these tests use. */
declare module 'cloudflare:test' {
  /** The Worker of wrangler.toml, called without a network. */
  export const SELF: { fetch(input: string | Request | URL, init?: RequestInit): Promise<Response> };
  /** The Worker's bindings (vitest.workers.config.ts): the local R2 bucket the part-writing route fills. */
  export const env: {
    DATASETS: {
      list(o: { prefix?: string; cursor?: string }): Promise<{ objects: { key: string; size: number }[]; truncated: boolean; cursor?: string }>;
      get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
    };
  };
}
