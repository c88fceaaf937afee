/**
 * A plain type check compiled from a zod object schema: the same fields, the
 * same kinds (string, number, boolean, literal, enum, array, nested object,
 * optional), without zod's per-call cost — for files read by the ten
 * thousand, where the schema itself stays the one description. Size limits
 * and refinements are not repeated: a value that passes here is then trusted
 * as stored, and the schema (with its readable message) judges the rest.
 */
import type { z } from 'zod';

type Check = (value: unknown) => boolean;

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  values?: unknown[];
  entries?: Record<string, unknown>;
  catchall?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export function quickCheck(schema: z.ZodType): Check {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return minLength(schema) > 0
        ? (v) => typeof v === 'string' && v.length >= minLength(schema)
        : (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'literal':
    case 'enum': {
      const allowed = new Set(def.values ?? Object.values(def.entries ?? {}));
      return (v) => allowed.has(v);
    }
    case 'optional': {
      const inner = quickCheck(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'array': {
      const element = quickCheck(def.element!);
      return (v) => Array.isArray(v) && v.every(element);
    }
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([key, s]) => [key, quickCheck(s)] as const);
      return (v) => isRecord(v) && fields.every(([key, check]) => check(v[key]));
    }
    default:
      throw new Error(`quickCheck: a ${def.type} field has no quick check; add one here.`);
  }
}

/** A string's `.min(n)`, kept in the quick check: an empty id is damage, not a limit. */
function minLength(schema: z.ZodType): number {
  return (schema as unknown as { minLength?: number | null }).minLength ?? 0;
}
