/**
 * The one error class that means "the caller's input is wrong" (a seed, scale, part or table name
 * out of range, an unusable option or folder): its message says what to change. The CLI prints it
 * and exits with status 2, the HTTP app answers 400 with it. Any other error, a RangeError from a
 * bug included, is a fault of the program (exit 1, HTTP 500).
 */
export class InputError extends Error {
  override name = 'InputError';
}
