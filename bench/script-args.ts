import { createServer } from 'node:net';
import { parseArgs } from 'node:util';

/**
 * The command line of a benchmark script, read strictly: `--help` (or `-h`) prints the usage and
 * exits 0; an unknown option, a missing value, a stray positional or a value of the wrong kind prints
 * what is wrong and the usage, and exits 2 — before the script starts any server or measurement.
 */
export interface ScriptArgs {
  /** The value of `--name`, or its default. */
  string(name: string): string;
  /** Whether the flag `--name` was given. */
  flag(name: string): boolean;
  /** The value of `--name` (or the positional at `index`) as a number within the given bounds. */
  number(name: string, bounds?: NumberBounds): number;
  /** The value of `--name` if it is one of the choices. */
  choice<T extends string>(name: string, choices: readonly T[]): T;
  /** The positionals, in order, with their defaults filled in. */
  positionals: string[];
}

export interface NumberBounds {
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface ScriptSpec {
  /** The usage line(s) printed by --help and after an error. */
  usage: string;
  /** Options that take a value, with their defaults ('' for none). */
  strings?: Record<string, string>;
  /** Options without a value. */
  flags?: string[];
  /** Positional arguments: their names (for messages) and defaults, in order. */
  positionals?: Array<{ name: string; default: string }>;
}

/** Prints the problem and the usage, and exits 2. */
export function usageError(usage: string, message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

export function scriptArgs(spec: ScriptSpec, argv: string[] = process.argv.slice(2)): ScriptArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const name of Object.keys(spec.strings ?? {})) options[name] = { type: 'string' };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    usageError(spec.usage, (e as Error).message);
  }
  if (parsed.values.help) {
    console.log(spec.usage);
    process.exit(0);
  }
  const wanted = spec.positionals ?? [];
  if (parsed.positionals.length > wanted.length) {
    usageError(spec.usage, `unexpected argument: ${parsed.positionals[wanted.length]}`);
  }
  const positionals = wanted.map((p, i) => parsed.positionals[i] ?? p.default);
  const raw = (name: string): string => {
    const at = wanted.findIndex((p) => p.name === name);
    if (at >= 0) return positionals[at];
    const value = parsed.values[name];
    return typeof value === 'string' ? value : (spec.strings?.[name] ?? '');
  };
  return {
    positionals,
    string: raw,
    flag: (name) => parsed.values[name] === true,
    number(name, bounds = {}) {
      const text = raw(name);
      const value = text.trim() === '' ? NaN : Number(text);
      const { min = -Infinity, max = Infinity, integer = false } = bounds;
      if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
        const kind = integer ? 'a whole number' : 'a number';
        const range = [min > -Infinity ? `≥ ${min}` : '', max < Infinity ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
        usageError(spec.usage, `${name} must be ${kind}${range ? ` ${range}` : ''}, got '${text}'`);
      }
      return value;
    },
    choice<T extends string>(name: string, choices: readonly T[]): T {
      const text = raw(name);
      if (!(choices as readonly string[]).includes(text)) usageError(spec.usage, `${name} must be one of ${choices.join(', ')}, got '${text}'`);
      return text as T;
    },
  };
}

/** A TCP port free on 127.0.0.1 at the time of the call. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
