import type { LoadResult } from './target.js';

/** Times the named steps of a load, in order, into the `steps` a LoadResult reports. */
export function loadStepTimer(): { steps: LoadResult['steps']; step(name: string, f: () => Promise<void>): Promise<void> } {
  const steps: LoadResult['steps'] = [];
  return {
    steps,
    async step(name, f) {
      const t0 = performance.now();
      await f();
      steps.push({ name, seconds: (performance.now() - t0) / 1000 });
    },
  };
}
