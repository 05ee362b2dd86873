import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addMonths, dayOfIso, isoOf } from '../../core/calendar.js';
import { FLUX_TABLES } from '../../core/pipeline/flux.js';
import type { Manifest } from '../../core/pipeline/manifest.js';
import { writeDataset } from '../../node/dataset-writer.js';

/** DCIR tables that a monthly flux appends to. */
export { FLUX_TABLES };

export interface RefreshFiles {
  dir: string;
  fluxMonth: string;
  tables: string[];
  rows: Map<string, number>;
  paths: Map<string, string[]>;
}

/**
 * The next monthly flux of a dataset, generated on its own (hdsbench gen --flux): every
 * beneficiary is simulated one month further (care is drawn month by month, so earlier months are
 * unchanged) but only the rows whose FLX_DIS_DTD is the new month are encoded — new care, late
 * lines and the regularisations of earlier sheets. One file per table (part 1 of 1: the rows of a
 * flux do not depend on the number of parts), which is what Target.append loads; prepared before
 * the phase is timed.
 */
export async function prepareRefresh(manifest: Manifest, workDir: string, format: 'parquet' | 'csv' = 'parquet'): Promise<RefreshFiles> {
  const fluxMonth = isoOf(addMonths(dayOfIso(manifest.period.last_flux_day), 1)).slice(0, 7);
  const dir = join(workDir, 'refresh');
  await rm(dir, { recursive: true, force: true });
  const tables = FLUX_TABLES.filter((t) => manifest.tables.includes(t));
  const spec = { seed: manifest.seed, scale: manifest.scale, parts: 1 };
  const { manifest: flux } = await writeDataset({ out: dir, spec, format, tables, flux: fluxMonth, threads: 1 });
  const rows = new Map<string, number>();
  const paths = new Map<string, string[]>();
  for (const t of tables) {
    const files = flux.files.filter((f) => f.table === t);
    rows.set(t, files.reduce((n, f) => n + f.rows, 0));
    paths.set(t, files.map((f) => join(dir, f.path)));
  }
  return { dir, fluxMonth, tables, rows, paths };
}
