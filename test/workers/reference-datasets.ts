import type { Format } from '../../src/core/encode/encoder.js';
import type { DatasetSpec } from '../../src/core/pipeline/dataset.js';

/** Datasets both runtimes produce in the tests: small, several parts, every format. */
export interface ReferenceDataset {
  spec: DatasetSpec;
  format: Format;
  /** Subset of tables (all when undefined). */
  tables?: string[];
}

export const REFERENCE_DATASETS: ReferenceDataset[] = [
  { spec: { seed: 7, scale: 0.002, parts: 2 }, format: 'parquet' },
  { spec: { seed: 7, scale: 0.002, parts: 2 }, format: 'arrow', tables: ['IR_BEN_R', 'ER_PRS_F', 'DA_PRA_R', 'IR_NAT_V'] },
  { spec: { seed: 7, scale: 0.002, parts: 2 }, format: 'csv', tables: ['IR_BEN_R', 'ER_PHA_F', 'DA_PRA_R', 'IR_NAT_V'] },
];

export function referenceKey(d: ReferenceDataset): string {
  return `${d.spec.seed}/${d.spec.scale}/${d.spec.parts}/${d.format}/${(d.tables ?? []).join(',')}`;
}
