#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { GENERATOR_VERSION } from '../core/version.js';
import { InputError } from '../core/errors.js';
import { genCommand } from './commands/gen.js';
import { profileCommand } from './commands/profile.js';
import { serveCommand } from './commands/serve.js';
import { runCommand } from './commands/run.js';
import { verifyCommand } from './commands/verify.js';
import { answersCommand } from './commands/answers.js';
import { compareCommand } from './commands/compare.js';
import { redactProcessOutput } from './redacted-output.js';
import { terminalSafe } from './terminal-text.js';

redactProcessOutput(process.argv.slice(2), process.env);

const program = new Command('hdsbench')
  .description('Standard benchmark on deterministic SNDS-like synthetic health claims')
  .version(GENERATOR_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addCommand(genCommand())
  .addCommand(profileCommand())
  .addCommand(serveCommand())
  .addCommand(runCommand())
  .addCommand(verifyCommand())
  .addCommand(answersCommand())
  .addCommand(compareCommand());

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
