export { loadChecks, meets, validateChecks, sqlText, type CheckKind, type CheckSpec, type ChecksFile, type Compare, type ViewSpec } from './checks.js';
export { openDataset, readManifest, ProfileInputError, type OpenedDataset } from './dataset.js';
export { profileDataset, type CheckResult, type ProfileOptions, type ProfileReport } from './profile.js';
export { renderReport, formatValue } from './render.js';
