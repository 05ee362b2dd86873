import { GENERATOR_VERSION } from '../core/version.js';
import { admissionReasons, type AdmissionOptions } from './admission.js';
import { groupBy, groupKeyOf } from './grouping.js';
import { latencyDistribution } from './latency.js';
import type { Comparison, FileVerdict } from './model.js';
import { readCandidates } from './read-candidates.js';
import { RULES_TEXT } from './rules.js';
import { scalingCurves } from './scaling.js';
import { scoreGroup, type ScoringInput } from './scoring.js';

/**
 * Compare result files: read and verify each one, admit those that pass every check, group the
 * admitted ones by scale factor (seed, workload version), score and rank each group, and draw
 * the bidders' scaling curves. A file that cannot be read at all is listed with its reason (readable: false).
 */
export async function compareResultFiles(paths: readonly string[], options: AdmissionOptions, now = new Date()): Promise<Comparison> {
  const candidates = await readCandidates(paths);
  const reasons = await admissionReasons(candidates, options);
  const files: FileVerdict[] = candidates.map((c, i) => ({ provenance: c.provenance, admitted: reasons[i].length === 0, reasons: reasons[i], readable: c.readable }));
  const inputs: ScoringInput[] = candidates.flatMap((c, i) => (files[i].admitted && c.result ? [{ id: c.provenance.id, result: c.result, latency: latencyDistribution(c.result.phases.throughput.histogram) }] : []));
  const groups = groupBy(inputs, (i) => groupKeyOf(i.result)).map(scoreGroup);
  return {
    comparison_version: 1,
    generated_at: now.toISOString(),
    hdsbench_version: GENERATOR_VERSION,
    rules: RULES_TEXT,
    files,
    groups,
    scaling: scalingCurves(groups, inputs),
  };
}
