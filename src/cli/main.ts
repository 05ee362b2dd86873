#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { GENERATOR_VERSION } from '../core/version.js';
import { InputError } from '../core/errors.js';
import { redactProcessOutput } from './redacted-output.js';
import { terminalSafe } from './terminal-text.js';

redactProcessOutput(process.argv.slice(2), process.env);

/**
 * The commands, in help order, each loaded only when needed: `hdsbench gen` does not load DuckDB,
 * the PostgreSQL and ClickHouse clients or the JSON Schema validator (start-up is most of a small run).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  gen: async () => (await import('./commands/gen.js')).genCommand(),
  profile: async () => (await import('./commands/profile.js')).profileCommand(),
  serve: async () => (await import('./commands/serve.js')).serveCommand(),
  run: async () => (await import('./commands/run.js')).runCommand(),
  verify: async () => (await import('./commands/verify.js')).verifyCommand(),
  answers: async () => (await import('./commands/answers.js')).answersCommand(),
  compare: async () => (await import('./commands/compare.js')).compareCommand(),
};
const asked = process.argv[2];
// A known command name loads that command alone, --version none; anything else (help, a typo) loads them all.
const wanted = asked === '-V' || asked === '--version' ? [] : asked !== undefined && Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS);
const loaded = await Promise.all(wanted.map((name) => COMMANDS[name]()));

const program = new Command('hdsbench')
  .description('Standard benchmark on deterministic SNDS-like synthetic health claims')
  .version(GENERATOR_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();
for (const command of loaded) program.addCommand(command);

// Subcommands built with `new Command()` do not inherit these settings: apply them to each.
for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  if (e instanceof InputError) {
    console.error(terminalSafe(`hdsbench: ${e.message}`));
    process.exit(2);
  }
  console.error(terminalSafe(`hdsbench: ${e instanceof Error ? (process.env.HDSBENCH_DEBUG ? e.stack : e.message) : String(e)}`));
  process.exit(1);
}
