/**
 * Reading settings and data files a user writes (planlint.config.json, front matter, workspace profiles):
 * JSON with comments, and validation against a zod schema with errors that name the file, the key path and
 * what was expected, never more of a value than a short excerpt (a value may be a secret).
 */
import { z } from 'zod';
import { visit as visitJsonc, printParseErrorCode, type ParseError, type ParseOptions } from 'jsonc-parser';

/** The candidate within a third of its length in edits of `key`, or null (short strings: a plain edit distance). */
export function nearest(key: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (Math.abs(c.length - key.length) > c.length / 3) continue;
    let prev = Array.from({ length: c.length + 1 }, (_, j) => j);
    for (let i = 1; i <= key.length && i <= 64; i++) {
      const row = [i];
      for (let j = 1; j <= c.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (key[i - 1] === c[j - 1] ? 0 : 1));
      prev = row;
    }
    const d = prev[c.length]!;
    if (d < bestD && d <= Math.max(1, Math.floor(c.length / 3))) [best, bestD] = [c, d];
  }
  return best;
}

/** A configuration problem: where, which key, what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string,
    readonly expected: string,
    readonly offset?: number,
  ) {
    super(`${file}: ${keyPath ? `"${keyPath}": ` : ''}${expected}`);
    this.name = 'ConfigError';
  }
}

type Issue = z.core.$ZodIssue;

/** Longest text a value is shown as in a message. */
const MAX_SHOWN = 60;
/** Strings up to this length are shown whole; longer ones only by their first few characters (a value may be a secret). */
const SHOWN_WHOLE = 12;
const SHOWN_PREFIX = 6;

export function cap(s: string, max = MAX_SHOWN): string {
  return s.length <= max ? s : `${Array.from(s.slice(0, max + 1)).slice(0, max - 1).join('')}…`;
}

/** A string in quotes, whole when short, else its first characters and its length: a config value may be a secret. */
function quoteString(s: string): string {
  const chars = Array.from(s.length > 4 * SHOWN_WHOLE ? s.slice(0, 4 * SHOWN_WHOLE) : s);
  if (s.length <= SHOWN_WHOLE && chars.length <= SHOWN_WHOLE) return JSON.stringify(s);
  return `${JSON.stringify(chars.slice(0, SHOWN_PREFIX).join('')).slice(0, -1)}…" (${s.length} characters)`;
}

/**
 * A value as shown in a message: its type and, for a short string, number or
 * boolean, the value; a long string only by its first characters. Never
 * descends into arrays or objects, so it is safe on any value (cycles from
 * YAML aliases, getters, huge trees) and at most about 60 characters long.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  switch (typeof v) {
    case 'string':
      return `string ${quoteString(v)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return cap(`${typeof v} ${String(v)}`);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof v}`;
  }
}

/** A value as it would be written: a (capped) string in quotes, a number or boolean as is, else what it is. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return cap(String(v));
  return describeValue(v);
}

/** A key named in a message: quoted, capped. */
export function showKey(k: PropertyKey): string {
  return JSON.stringify(cap(typeof k === 'symbol' ? String(k) : String(k), 40));
}

function describeIssue(issue: Issue, value: unknown, schema: z.ZodType, prefixLength: number): { path: (string | number)[]; expected: string } {
  const at = (p: PropertyKey[]) => p.map((k) => (typeof k === 'symbol' ? String(k) : k));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeysAt(schema, issue.path.slice(prefixLength));
      const shown = issue.keys.slice(0, 5).map(showKey).join(', ') + (issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '');
      return {
        path: at(issue.path),
        expected: `unknown key${issue.keys.length > 1 ? 's' : ''} ${shown}${allowed ? `; expected one of: ${allowed.join(', ')}` : ''}`,
      };
    }
    case 'invalid_union': {
      // A rule entry: a severity string, or an object. Explain by the branch the value's type chose.
      const v = valueAt(value, issue.path);
      if (v && typeof v === 'object' && !Array.isArray(v) && issue.errors[1]?.[0]) {
        const inner = issue.errors[1][0];
        return describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as Issue, value, schema, prefixLength);
      }
      return { path: at(issue.path), expected: `expected a severity ("error", "warning", "info", "hint", "off") or an object with "severity" and options, got ${showValue(v)}` };
    }
    case 'invalid_value':
      return { path: at(issue.path), expected: `expected one of ${issue.values.map((x) => showValue(x)).join(', ')}, got ${showValue(valueAt(value, issue.path))}` };
    case 'invalid_type':
      return { path: at(issue.path), expected: `expected ${issue.expected}, got ${describeValue(valueAt(value, issue.path))}` };
    case 'too_big':
    case 'too_small': {
      const v = valueAt(value, issue.path);
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      const size = typeof v === 'string' ? `, this one has ${v.length}` : Array.isArray(v) ? `, got ${v.length}` : `, got ${describeValue(v)}`;
      if (unit) {
        const bound = issue.code === 'too_big' ? `at most ${String(issue.maximum)}` : `at least ${String(issue.minimum)}`;
        return { path: at(issue.path), expected: `expected ${bound}${unit}${size}` };
      }
      return { path: at(issue.path), expected: cap(issue.message, 200) };
    }
    default:
      return { path: at(issue.path), expected: cap(issue.message, 200) };
  }
}

function valueAt(value: unknown, p: PropertyKey[]): unknown {
  let v: unknown = value;
  for (const k of p) {
    if (v && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k)) v = (v as Record<PropertyKey, unknown>)[k];
    else return undefined;
  }
  return v;
}

type SchemaDef = { type: string; innerType?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType>; valueType?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The object schema a schema stands for (through optional, default, nullable and the object branch of a union), or null. */
function asObjectSchema(s: z.ZodType | undefined): Record<string, z.ZodType> | null {
  for (let i = 0; s && i < 16; i++) {
    const def = defOf(s);
    if (def.type === 'object') return def.shape ?? null;
    if (def.innerType ?? def.in) s = def.innerType ?? def.in;
    else if (def.type === 'union') {
      for (const o of def.options ?? []) {
        const shape = asObjectSchema(o);
        if (shape) return shape;
      }
      return null;
    } else return null;
  }
  return null;
}

/** The keys the schema accepts at a path (the schema actually validated, so the list never names a key it would reject). */
function objectKeysAt(schema: z.ZodType, p: PropertyKey[]): string[] | null {
  let at: z.ZodType | undefined = schema;
  for (const k of p) {
    at = childAt(at, k);
    if (!at) return null;
  }
  const shape = asObjectSchema(at);
  return shape ? Object.keys(shape) : null;
}

/** The schema of the value under key `k` of a value of schema `s` (an object's field, a record's value, an array's item). */
function childAt(s: z.ZodType | undefined, k: PropertyKey): z.ZodType | undefined {
  for (let i = 0; s && i < 16; i++) {
    const def = defOf(s) as SchemaDef & { element?: z.ZodType };
    if (def.type === 'record') return def.valueType;
    if (def.type === 'array') return typeof k === 'number' ? def.element : undefined;
    if (def.type === 'object' || def.type === 'union') {
      const shape = asObjectSchema(s);
      return shape && typeof k === 'string' && Object.prototype.hasOwnProperty.call(shape, k) ? shape[k] : undefined;
    }
    s = def.innerType ?? def.in;
  }
  return undefined;
}

export function keyPathString(p: (string | number)[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/**
 * JSON with comments into plain values, like jsonc-parser's `parse`, except
 * that every key becomes an own property: `"__proto__"` is a key like any
 * other (and so rejected by the strict schemas), never the object's prototype.
 */
export function parseJsonWithComments(text: string, errors: ParseError[], options: ParseOptions): unknown {
  const root: unknown[] = [];
  let parent: unknown[] | Record<string, unknown> = root;
  let property: string | null = null;
  const parents: (unknown[] | Record<string, unknown>)[] = [];
  const onValue = (value: unknown) => {
    if (Array.isArray(parent)) parent.push(value);
    else if (property !== null) Object.defineProperty(parent, property, { value, enumerable: true, writable: true, configurable: true });
  };
  visitJsonc(
    text,
    {
      onObjectBegin: () => {
        const object: Record<string, unknown> = {};
        onValue(object);
        parents.push(parent);
        parent = object;
        property = null;
      },
      onObjectProperty: (name) => {
        property = name;
      },
      onObjectEnd: () => {
        parent = parents.pop()!;
      },
      onArrayBegin: () => {
        const array: unknown[] = [];
        onValue(array);
        parents.push(parent);
        parent = array;
        property = null;
      },
      onArrayEnd: () => {
        parent = parents.pop()!;
      },
      onLiteralValue: onValue,
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  return root[0];
}


/**
 * Validates a parsed value against a schema; returns every problem as a ConfigError. `extra` adds problems the
 * schema cannot see (section ids against a profile), and `skip` drops the schema's issues under a key `extra`
 * already reported.
 */
export function validateWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  prefix: (string | number)[] = [],
  extra: ConfigError[] = [],
  skip: (issue: Issue) => boolean = () => false,
): { value?: T; errors: ConfigError[] } {
  const r = schema.safeParse(value);
  if (r.success) return extra.length ? { errors: extra } : { value: r.data, errors: [] };
  const wrapped = prefix.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value);
  return {
    errors: [
      ...extra,
      ...r.error.issues.filter((issue) => !skip(issue)).map((issue) => {
        const full = { ...issue, path: [...prefix, ...issue.path] } as Issue;
        const d = describeIssue(full, wrapped, schema, prefix.length);
        return new ConfigError(file, keyPathString(d.path), d.expected);
      }),
    ],
  };
}

/** Parses JSON with comments and trailing commas; a syntax error is a ConfigError with its line and column. */
export function parseJsonc(text: string, file: string): { value?: unknown; errors: ConfigError[] } {
  const errs: ParseError[] = [];
  let value: unknown;
  try {
    value = parseJsonWithComments(text, errs, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // nesting deep enough to exhaust the stack
    return { errors: [new ConfigError(file, '', `cannot be read: ${e instanceof RangeError ? 'nested too deeply' : cap(String(e))}`)] };
  }
  if (errs.length) {
    return {
      errors: errs.map((e) => {
        const before = text.slice(0, e.offset);
        const line = before.split('\n').length;
        const col = e.offset - before.lastIndexOf('\n');
        return new ConfigError(file, '', `invalid JSON at line ${line}, column ${col}: ${printParseErrorCode(e.error)}`, e.offset);
      }),
    };
  }
  if (value === undefined) return { errors: [new ConfigError(file, '', 'expected a JSON object, got an empty file')] };
  return { value, errors: [] };
}
