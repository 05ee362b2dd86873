import { cpus, release, totalmem, type } from 'node:os';
import { GENERATOR_VERSION } from '../core/version.js';
import type { Target } from './target.js';

/** The client side of a run, captured rather than declared; rtt = median time of `SELECT 1`. */
export async function captureEnvironment(target: Target) {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push((await target.query('SELECT 1')).seconds * 1000);
  times.sort((a, b) => a - b);
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memory_bytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
    driver_version: GENERATOR_VERSION,
    rtt_ms: Math.round(times[3] * 1000) / 1000,
  };
}
