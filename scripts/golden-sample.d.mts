export interface GoldenDataset {
  seed: number;
  scale: number;
  parts: number;
  format: string;
}
export declare const GOLDEN_DATASETS: GoldenDataset[];
export declare const SAMPLE_DATASET: GoldenDataset;
export declare const SAMPLE_ROWS: number;
export declare function sampleOf(dir: string, manifest: { files: { path: string; table: string }[] }): Record<string, string>;
