export { loadRules, validateRules, defaultRulesDir, isGap, CompatRulesError, GAP_KINDS, type CompatSuite, type Gap, type GapKind, type LoadedRule, type Programme, type Rule, type RulesFile } from './rules.js';
export { runCompat, judge, type CompatOptions, type CompatReport, type RuleResult, type Verdict } from './run.js';
export { renderCompat } from './render.js';
