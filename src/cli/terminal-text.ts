/**
 * Text that came from outside (a result file, a bidder's declaration, an engine's error message)
 * made safe to print to a terminal: control characters (C0 but newline and tab, DEL, C1, so no
 * escape sequence can recolour, move the cursor or rewrite what was printed) and the Unicode
 * bidirectional overrides (which can make a line read differently from its bytes) are removed.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '');
}
