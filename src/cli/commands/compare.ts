import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { compareResultFiles } from '../../compare/compare.js';
import { DatasetDigests, readDigestsFile } from '../../compare/dataset-digests.js';
import { renderHtmlReport } from '../../compare/html/render-report.js';
import { readKeyRegistry } from '../../compare/key-registry.js';
import { CompareInputError } from '../../compare/read-candidates.js';
import { terminalReport } from '../../compare/terminal-report.js';
import { terminalSafe } from '../terminal-text.js';

interface CompareCliOptions {
  html?: string;
  json?: boolean;
  digests?: string;
  challenge?: string;
  keys?: string;
}

function hex(value: string): string {
  if (!/^[0-9a-fA-F]{8,128}$/.test(value)) throw new InvalidArgumentError(`--challenge must be 8 to 128 hexadecimal characters, got "${value}"`);
  return value.toLowerCase();
}

async function writeReport(path: string, html: string): Promise<void> {
  try {
    await writeFile(path, html);
  } catch (e) {
    throw new CompareInputError(`cannot write the report to ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function compareCommand(): Command {
  return new Command('compare')
    .description('verify result files, rank them per scale factor and write an evaluator report')
    .argument('<files...>', 'result files written by hdsbench run')
    .option('--html <file>', 'also write a self-contained HTML report (charts, sources) to this file')
    .option('--json', 'print the comparison as JSON instead of tables')
    .option('--digests <file>', 'known dataset digests, {"generator=…,seed=…,scale=…,parts=…,format=…": "<sha256>"} (needed above scale 0.1)')
    .option('--challenge <hex>', "the evaluator's challenge: runs that used another one are excluded", hex)
    .option('--keys <file>', 'registered signing keys, {"<bidder>": "<key fingerprint>"}: files signed by another key are excluded')
    .addHelpText(
      'after',
      '\nEvery file is verified first (schema, signature, validity, standard dataset digest, internal\nconsistency); files failing a check are listed with the reasons and left out of the ranking.\nResults of different scale factors are ranked separately. Scoring rules: docs/evaluator.md.\n\nExamples:\n  hdsbench compare results/*.json\n  hdsbench compare a.json b.json c.json --html report.html --challenge 5f3a9c0e\n  hdsbench compare results/*.json --json > comparison.json\n\nExit status: 0 every file ranked, 1 some file excluded (reasons printed), 2 a file cannot be read\n(missing, larger than 16 MiB, not JSON, nested too deep: named with the others compared) or an option file is bad.\n',
    )
    .action(async (files: string[], o: CompareCliOptions) => {
      try {
        const digests = new DatasetDigests(o.digests ? await readDigestsFile(o.digests) : undefined);
        const keys = o.keys ? await readKeyRegistry(o.keys) : undefined;
        const comparison = await compareResultFiles(files, { digests, challenge: o.challenge, keys });
        if (o.html) await writeReport(o.html, await renderHtmlReport(comparison));
        console.log(o.json ? JSON.stringify(comparison, null, 2) : terminalSafe(terminalReport(comparison, o.html)));
        // A file that could not be read at all is reported by name with the others compared, then exit 2.
        process.exitCode = comparison.files.some((f) => !f.readable) ? 2 : comparison.files.every((f) => f.admitted) ? 0 : 1;
      } catch (e) {
        if (!(e instanceof CompareInputError)) throw e;
        console.error(terminalSafe(`hdsbench compare: ${e.message.replaceAll('\n', '\n  ')}`));
        process.exitCode = 2;
      }
    });
}
