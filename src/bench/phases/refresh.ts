import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { addMonths, dayOfIso, isoOf } from '../../core/calendar.js';
import { datasetFiles, filePath } from '../../core/pipeline/dataset.js';
import { generateFiles } from '../../core/pipeline/generate.js';
import type { Manifest } from '../../core/pipeline/manifest.js';
import { defaultCatalog } from '../../core/catalog/catalog.js';
import { AtomicFileSink } from '../../node/fs-sink.js';
import { initParquetForNode } from '../../node/parquet-node.js';

/** DCIR tables that a monthly flux appends to. */
export const FLUX_TABLES = ['ER_PRS_F', 'ER_PHA_F', 'ER_BIO_F', 'ER_CAM_F', 'ER_ETE_F'];

export interface RefreshFiles {
  dir: string;
  fluxMonth: string;
  tables: string[];
  rows: Map<string, number>;
  paths: Map<string, string[]>;
}

/**
 * The next monthly flux of a dataset: the same generator run one month further (care is drawn
 * month by month, so earlier months are unchanged), keeping only the rows whose FLX_DIS_DTD is the
 * new month — new care, late lines and the regularisations of earlier sheets. Prepared before the
 * phase is timed; one Parquet file per table.
 */
export async function prepareRefresh(manifest: Manifest, workDir: string, format: 'parquet' | 'csv' = 'parquet'): Promise<RefreshFiles> {
  initParquetForNode();
  const catalog = defaultCatalog();
  const nextFlux = addMonths(dayOfIso(manifest.period.last_flux_day), 1);
  const fullDir = join(workDir, 'refresh-full');
  const dir = join(workDir, 'refresh');
  await rm(fullDir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  const tables = FLUX_TABLES.filter((t) => manifest.tables.includes(t));
  const spec = { seed: manifest.seed, scale: manifest.scale, parts: manifest.parts };
  for (let part = 1; part <= manifest.parts; part++) {
    const files = datasetFiles(catalog, spec, tables, part);
    const sinks = new Map<string, AtomicFileSink>();
    await generateFiles({
      spec,
      format: 'parquet',
      files,
      lastFluxDay: nextFlux,
      sinkFor: (f) => {
        const s = new AtomicFileSink(join(fullDir, filePath(f, 'parquet')));
        sinks.set(f.table, s);
        return s;
      },
    });
    for (const s of sinks.values()) await s.commit();
  }
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const rows = new Map<string, number>();
  const paths = new Map<string, string[]>();
  try {
    for (const t of tables) {
      const out = join(dir, filePath({ table: t, kind: 'fact', part: 1, parts: 1 }, format));
      await mkdir(join(dir, t), { recursive: true });
      const options = format === 'csv' ? `FORMAT csv, HEADER true, DATEFORMAT '%Y-%m-%d'` : 'FORMAT parquet, COMPRESSION zstd';
      await c.run(`COPY (SELECT * FROM read_parquet('${join(fullDir, t)}/*.parquet') WHERE FLX_DIS_DTD = DATE '${isoOf(nextFlux)}') TO '${out}' (${options})`);
      rows.set(t, Number((await c.runAndReadAll(`SELECT count(*) FROM read_parquet('${join(fullDir, t)}/*.parquet') WHERE FLX_DIS_DTD = DATE '${isoOf(nextFlux)}'`)).getRows()[0][0]));
      paths.set(t, [out]);
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
  await rm(fullDir, { recursive: true, force: true });
  return { dir, fluxMonth: isoOf(nextFlux).slice(0, 7), tables, rows, paths };
}
