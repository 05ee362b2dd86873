import { redactText, registerSecretsOf } from '../bench/redact.js';

/**
 * Everything the CLI prints goes through redactText: the secrets of the command line (connection
 * URLs, secret-named parameters) and of the environment (PGPASSWORD…) are registered first, then
 * stdout and stderr are wrapped, so no code path — a log line, a driver's error message, a stack
 * trace under HDSBENCH_DEBUG, commander's own messages — can print a credential.
 */
export function redactProcessOutput(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  for (const arg of argv) registerSecretsOf(arg);
  registerSecretsOf(undefined, env);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') return write(redactText(chunk), ...rest);
      if (chunk instanceof Uint8Array) return write(redactText(Buffer.from(chunk).toString('utf8')), ...rest);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
