import type { BenchmarkResult } from '../bench/result.js';
import type { GroupKey } from './model.js';

/**
 * Results are ranked together only when they measured the same thing: same scale factor (TPC
 * rule: never compare across scale factors), same dataset seed and same workload version.
 */
export function groupKeyOf(r: BenchmarkResult): GroupKey {
  return { scale: r.dataset.scale, seed: r.dataset.seed, workload: r.benchmark.workload, workload_version: r.benchmark.workload_version };
}

export function groupTitle(k: GroupKey): string {
  return `SF ${k.scale} · seed ${k.seed} · workload ${k.workload_version}`;
}

export interface Group<T> {
  key: GroupKey;
  items: T[];
}

/** Groups in a stable order: by scale factor, then seed, then workload version. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => GroupKey): Group<T>[] {
  const groups = new Map<string, Group<T>>();
  for (const item of items) {
    const key = keyOf(item);
    const id = JSON.stringify([key.scale, key.seed, key.workload, key.workload_version]);
    const g = groups.get(id) ?? { key, items: [] };
    g.items.push(item);
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) => a.key.scale - b.key.scale || a.key.seed - b.key.seed || a.key.workload_version.localeCompare(b.key.workload_version) || a.key.workload.localeCompare(b.key.workload));
}
