/**
 * JSON as a signed file must be read: RFC 8259 text, but a key repeated in one object is an error
 * (JSON.parse keeps the last one silently, so two readers could see two different files), and the
 * nesting depth is capped (a file nested thousands deep would exhaust the stack of any recursive
 * reader). Errors name the position (line, column) and the JSON pointer of the problem.
 */
export class StrictJsonError extends Error {}

export interface StrictJsonOptions {
  /** Deepest nesting of arrays and objects accepted (default 64). */
  maxDepth?: number;
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseStrictJson(text: string, options: StrictJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? 64;
  let pos = 0;

  const where = (at = pos) => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
  };
  const fail = (message: string, at = pos): never => {
    throw new StrictJsonError(`${message} at ${where(at)}`);
  };
  const skip = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const token = (re: RegExp): string | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    pos = re.lastIndex;
    return m[0];
  };
  const pointer = (path: readonly string[]) => (path.length ? '/' + path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/') : '/');

  function value(path: string[]): unknown {
    skip();
    const c = text[pos];
    if (c === '{' || c === '[') {
      if (path.length >= maxDepth) fail(`nesting deeper than ${maxDepth} levels (at ${pointer(path)})`);
      return c === '{' ? object(path) : array(path);
    }
    if (c === '"') {
      const s = token(STRING);
      if (s === null) fail('malformed string');
      return JSON.parse(s as string) as string;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const n = token(NUMBER);
      if (n === null) fail('malformed number');
      return Number(n);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    return fail(pos >= text.length ? 'unexpected end of the text' : `unexpected character ${JSON.stringify(c)}`);
  }

  function object(path: string[]): Record<string, unknown> {
    pos++; // {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    skip();
    if (text[pos] === '}') {
      pos++;
      return out;
    }
    for (;;) {
      skip();
      const at = pos;
      const raw = token(STRING);
      if (raw === null) fail('expected a key (a string)');
      const key = JSON.parse(raw as string) as string;
      if (seen.has(key)) fail(`duplicate key ${JSON.stringify(key)} in ${pointer(path)}`, at);
      seen.add(key);
      skip();
      if (text[pos] !== ':') fail("expected ':'");
      pos++;
      const v = value([...path, key]);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      skip();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      fail("expected ',' or '}'");
    }
  }

  function array(path: string[]): unknown[] {
    pos++; // [
    const out: unknown[] = [];
    skip();
    if (text[pos] === ']') {
      pos++;
      return out;
    }
    for (;;) {
      out.push(value([...path, String(out.length)]));
      skip();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      fail("expected ',' or ']'");
    }
  }

  if (text.charCodeAt(0) === 0xfeff) pos = 1; // a byte-order mark
  const v = value([]);
  skip();
  if (pos < text.length) fail('unexpected text after the JSON value');
  return v;
}

/** Standard base64 with padding, in its one canonical form (no other characters, unused bits zero). */
export function isCanonicalBase64(text: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}
