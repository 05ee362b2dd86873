/**
 * A JSON Schema (draft 2020-12) validator for the keywords the model schema uses, interpreting the
 * schema directly: no code generation, so it runs in Workers (which forbid `new Function`) as in Node.
 * A keyword it does not implement is refused when the schema is read, never silently ignored.
 *
 * Besides errors, it collects the values annotated with `x-code` (a value, or an object's key through
 * `propertyNames`) with their type and path, so that code checks are derived from the schema.
 */

export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface SchemaError {
  /** JSON Pointer of the offending value ('' for the document). */
  path: string;
  message: string;
}

export interface CodeUse {
  type: string;
  value: string;
  path: string;
}

export interface ValidationResult {
  errors: SchemaError[];
  codes: CodeUse[];
}

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples', 'default']);
const IMPLEMENTED = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'prefixItems', 'minItems', 'maxItems',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'minLength', 'maxLength', 'x-code',
]);

type SchemaObject = { [keyword: string]: unknown };

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, type: string): boolean {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

const pointerPart = (k: string | number) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A compiled view of one schema document: its $defs resolved by pointer, its keywords checked once. */
export class SchemaValidator {
  private readonly patterns = new Map<string, RegExp>();
  /** Resolved references: a model file's schema refers to the same few definitions thousands of times. */
  private readonly refs = new Map<string, JsonSchema>();

  constructor(private readonly root: SchemaObject) {
    this.check(root, '#');
  }

  /** Refuse keywords this validator does not implement (a schema typo would otherwise pass everything). */
  private check(schema: unknown, where: string): void {
    if (typeof schema === 'boolean') return;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error(`schema ${where}: not a schema object`);
    for (const [k, v] of Object.entries(schema)) {
      if (ANNOTATIONS.has(k)) {
        if (k === '$defs') for (const [name, d] of Object.entries(v as SchemaObject)) this.check(d, `${where}/$defs/${name}`);
        continue;
      }
      if (!IMPLEMENTED.has(k)) throw new Error(`schema ${where}: keyword "${k}" is not supported by src/core/catalog/json-schema.ts`);
      if (k === 'properties') for (const [name, d] of Object.entries(v as SchemaObject)) this.check(d, `${where}/properties/${name}`);
      else if (k === 'prefixItems') (v as unknown[]).forEach((d, i) => this.check(d, `${where}/prefixItems/${i}`));
      else if (k === 'items' || k === 'additionalProperties' || k === 'propertyNames') this.check(v, `${where}/${k}`);
      else if (k === '$ref') this.resolve(v as string);
      else if (k === 'pattern') this.regex(v as string);
    }
  }

  private regex(source: string): RegExp {
    let r = this.patterns.get(source);
    if (!r) {
      r = new RegExp(source, 'u');
      this.patterns.set(source, r);
    }
    return r;
  }

  /** A local reference '#/$defs/name' (or any JSON Pointer into this document). */
  resolve(ref: string): JsonSchema {
    let resolved = this.refs.get(ref);
    if (resolved === undefined) {
      resolved = this.lookUp(ref);
      this.refs.set(ref, resolved);
    }
    return resolved;
  }

  private lookUp(ref: string): JsonSchema {
    if (!ref.startsWith('#')) throw new Error(`schema: only local references are supported, got ${ref}`);
    let node: unknown = this.root;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as SchemaObject | undefined)?.[part];
    }
    if (node === undefined) throw new Error(`schema: reference ${ref} does not resolve`);
    return node as JsonSchema;
  }

  validate(value: unknown, schema: JsonSchema = this.root): ValidationResult {
    const result: ValidationResult = { errors: [], codes: [] };
    this.visit(value, schema, '', result);
    return result;
  }

  private visit(v: unknown, schema: JsonSchema, path: string, out: ValidationResult): void {
    if (schema === true) return;
    if (schema === false) {
      out.errors.push({ path, message: 'no value is allowed here' });
      return;
    }
    const s = schema;
    const fail = (message: string) => out.errors.push({ path, message });
    if (typeof s.$ref === 'string') this.visit(v, this.resolve(s.$ref), path, out);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(v, t))) {
        fail(`expected ${types.join(' or ')}, got ${typeOf(v)} ${show(v)}`);
        return;
      }
    }
    if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => sameJson(e, v))) fail(`${show(v)} is not one of ${(s.enum as unknown[]).map(show).join(', ')}`);
    if (s.const !== undefined && !sameJson(s.const, v)) fail(`expected ${show(s.const)}, got ${show(v)}`);
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) fail(`${v} is below the minimum ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) fail(`${v} is above the maximum ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) fail(`${v} must be greater than ${s.exclusiveMinimum}`);
      if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) fail(`${v} must be less than ${s.exclusiveMaximum}`);
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && v.length < s.minLength) fail(`${show(v)} is shorter than ${s.minLength} characters`);
      if (typeof s.maxLength === 'number' && v.length > s.maxLength) fail(`${show(v)} is longer than ${s.maxLength} characters`);
      if (typeof s.pattern === 'string' && !this.regex(s.pattern).test(v)) fail(`${show(v)} does not match ${s.pattern}`);
      if (typeof s['x-code'] === 'string') out.codes.push({ type: s['x-code'], value: v, path });
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) fail(`${v.length} items, at least ${s.minItems} expected`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) fail(`${v.length} items, at most ${s.maxItems} expected`);
      const prefix = (s.prefixItems as JsonSchema[] | undefined) ?? [];
      for (let i = 0; i < v.length; i++) {
        const item = i < prefix.length ? prefix[i] : (s.items as JsonSchema | undefined);
        if (item === undefined) continue;
        if (item === false && i >= prefix.length) {
          out.errors.push({ path, message: `${v.length} items, at most ${prefix.length} expected` });
          break;
        }
        this.visit(v[i], item, `${path}/${i}`, out);
      }
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      const props = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
      for (const r of (s.required as string[] | undefined) ?? []) if (!(r in o)) fail(`missing key "${r}"`);
      for (const [k, x] of Object.entries(o)) {
        const at = `${path}/${pointerPart(k)}`;
        if (s.propertyNames !== undefined) this.visit(k, s.propertyNames as JsonSchema, at, out);
        if (k in props) this.visit(x, props[k], at, out);
        else if (s.additionalProperties === false) {
          const known = Object.keys(props);
          out.errors.push({ path: at, message: `unknown key "${k}"${known.length ? ` (known keys: ${known.join(', ')})` : ''}` });
        } else if (s.additionalProperties !== undefined) this.visit(x, s.additionalProperties as JsonSchema, at, out);
      }
    }
  }
}
