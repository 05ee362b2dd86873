import { DATASET_ROUTE } from '../../src/app/dataset-path.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../../src/core/version.js';

/** The app's path of a dataset of seed 42 (the budget scripts ask for its last, largest part). */
export function benchDatasetPath(scale: number, parts: number, format: string): string {
  return DATASET_ROUTE.replace(':generator', `${GENERATOR_NAME}-${GENERATOR_VERSION}`).replace(':seed', 'seed-42').replace(':scale', `sf-${scale}`).replace(':parts', `parts-${parts}`).replace(':format', format);
}

const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;

/**
 * Memory, CPU and wall time of one request, from now until `finish()`: peak = max of heapUsed +
 * external (external holds ArrayBuffers and wasm memory), sampled every 10 ms and on `sample()`.
 */
export function requestBudget() {
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.external);
  };
  const timer = setInterval(sample, 10);
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    t0,
    sample,
    finish() {
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      clearInterval(timer);
      return {
        wall_ms: Math.round(wallMs),
        cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
        baseline_mb: mb(before.heapUsed + before.external),
        peak_mb: mb(peak),
        max_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
      };
    },
  };
}
