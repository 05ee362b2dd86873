/** Connection URLs. They are never printed or stored with their password: see src/bench/redact.ts. */

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}
