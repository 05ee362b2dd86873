// The hdsbench column type of a schema-snds field, by the mapping of schemas/sources/snds-types.json
// (the importer types new columns with it; test/schemas/snds-types.test.ts checks every column).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SNDS_TYPES = JSON.parse(readFileSync(join(root, 'schemas/sources/snds-types.json'), 'utf8'));

/** Declared digits and scale of a length "p" or "p,s" (null when none is declared). */
function precisionOf(length) {
  if (length === undefined || length === null || length === '') return null;
  const m = /^(\d+)(?:,(\d+))?$/.exec(String(length).trim());
  return m ? { digits: Number(m[1]), scale: m[2] === undefined ? 0 : Number(m[2]) } : null;
}

/**
 * The types a field may have here: `upstream` is the schema-snds field ({ name, type, type_oracle?,
 * length? }), `ourLength` our declared length (used when upstream declares none). `types` holds one
 * type, or the two numeric ones for a number of undeclared scale.
 */
export function sndsColumnType(upstream, ourLength) {
  const physical = upstream.type_oracle ? SNDS_TYPES.physical[upstream.type_oracle] : SNDS_TYPES.physicalOfLogical[upstream.type];
  if (!physical) throw new Error(`${upstream.name}: no mapping for schema-snds type ${upstream.type_oracle ?? upstream.type}`);
  const source = upstream.type_oracle ? `Oracle ${upstream.type_oracle}` : `${upstream.type} (no Oracle type)`;
  if (physical !== 'number') return { types: [SNDS_TYPES[physical]], physical, why: source };
  const n = SNDS_TYPES.number;
  const declared = precisionOf(upstream.length);
  if (declared && declared.scale > 0) return { types: [n.decimal], physical, why: `${source}, ${upstream.length}` };
  if (!declared && n.undeclaredScaleLogicalTypes.includes(upstream.type)) return { types: n.undeclaredScale, physical, why: `${source}, logical ${upstream.type} of undeclared scale` };
  const digits = declared?.digits ?? precisionOf(ourLength)?.digits ?? null;
  if (digits !== null && digits > n.integerDigits) return { types: [n.wideInteger], physical, why: `${source}, ${digits} digits` };
  return { types: [n.integer], physical, why: `${source}${digits === null ? '' : `, ${digits} digits`}` };
}
