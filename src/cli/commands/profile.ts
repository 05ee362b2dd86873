import { Command } from 'commander';
import { list } from '../options.js';
import { profileDataset } from '../../profile/profile.js';
import { ProfileInputError } from '../../profile/dataset.js';
import { renderReport } from '../../profile/render.js';

interface ProfileOptions {
  json: boolean;
  only?: string[];
}

/**
 * `hdsbench profile DIR`: realism and coherence checks of a generated dataset (schemas/model/realism-checks.json).
 * Exit code 0 when every check passes, 1 when one fails, 2 for bad input (no directory, no manifest).
 */
export function profileCommand(): Command {
  return new Command('profile')
    .description('measure a generated dataset against published French statistics and coherence rules (DuckDB)')
    .argument('<dir>', 'dataset directory (with manifest.json), as written by `hdsbench gen --out DIR`')
    .option('--json', 'print the report as JSON only', false)
    .option('--only <ids>', 'comma-separated check ids to run (default: all)', list)
    .addHelpText('after', '\nExamples:\n  hdsbench profile data/sf0.1\n  hdsbench profile data/sf0.1 --json > profile.json\n')
    .action(async (dir: string, o: ProfileOptions) => {
      let report;
      try {
        report = await profileDataset(dir, { only: o.only });
      } catch (e) {
        if (e instanceof ProfileInputError) {
          console.error(`hdsbench profile: ${e.message}`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
      console.log(o.json ? JSON.stringify(report, null, 2) : renderReport(report));
      if (report.failed > 0) process.exitCode = 1;
    });
}
