/** Connection URLs: parsed once, and never printed or stored with their password (src/bench/redact.ts). */
export { redactUrl } from '../bench/redact.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}
