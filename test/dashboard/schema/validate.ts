/**
 * A JSON Schema validator for the keywords the SDK schemas use: `$ref` (to `#/definitions/...`),
 * `type`, `const`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `allOf`,
 * `if`/`then`. Errors carry the JSON path, so a failing test says which field of which panel is wrong.
 */
import type { Schema } from './sdk-json-schema.ts';

export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function matchesType(v: unknown, t: string): boolean {
  if (t === 'integer') return typeof v === 'number' && Number.isInteger(v);
  return typeOf(v) === t;
}

export function validate(value: unknown, root: Schema): SchemaError[] {
  const defs = (root.definitions ?? {}) as Record<string, Schema>;
  const check = (v: unknown, s: Schema, path: string): SchemaError[] => {
    if (typeof s.$ref === 'string') {
      const target = defs[s.$ref.replace('#/definitions/', '')];
      if (!target) return [{ path, message: `unresolved ${s.$ref}` }];
      return check(v, target, path);
    }
    const errors: SchemaError[] = [];
    if (typeof s.type === 'string' && !matchesType(v, s.type)) return [{ path, message: `expected ${s.type}, got ${typeOf(v)}` }];
    if ('const' in s && v !== s.const) return [{ path, message: `expected ${JSON.stringify(s.const)}, got ${JSON.stringify(v)}` }];
    if (Array.isArray(s.enum) && !s.enum.includes(v)) return [{ path, message: `expected one of ${JSON.stringify(s.enum)}, got ${JSON.stringify(v)}` }];
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) errors.push(...check(v, sub, path));
    if (Array.isArray(s.anyOf)) {
      const results = (s.anyOf as Schema[]).map((sub) => check(v, sub, path));
      if (!results.some((r) => r.length === 0)) {
        const best = results.reduce((a, b) => (b.length < a.length ? b : a));
        errors.push({ path, message: `matches none of ${results.length} alternatives; closest: ${best.map((e) => `${e.path}: ${e.message}`).join('; ')}` });
      }
    }
    if (s.if && s.then && check(v, s.if as Schema, path).length === 0) errors.push(...check(v, s.then as Schema, path));
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in obj)) errors.push({ path, message: `missing required property ${JSON.stringify(r)}` });
      for (const [k, x] of Object.entries(obj)) {
        const p = props[k];
        if (p) errors.push(...check(x, p, `${path}.${k}`));
        else if (s.additionalProperties === false) errors.push({ path: `${path}.${k}`, message: 'property not allowed by the schema' });
        else if (typeof s.additionalProperties === 'object') errors.push(...check(x, s.additionalProperties as Schema, `${path}.${k}`));
      }
    }
    if (Array.isArray(v) && s.items && typeof s.items === 'object') v.forEach((x, i) => errors.push(...check(x, s.items as Schema, `${path}[${i}]`)));
    return errors;
  };
  return check(value, root, '$');
}
