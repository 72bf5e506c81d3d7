import { apiError } from './messages';

// A request's action parameters, from the JSON body of a POST or the query string of a GET.
// The official SDKs flatten a GET's parameters: lists and objects become dotted names
// (Scenes.0=WEB&Scenes.1=CAMERA) and every value a string, so those are parsed back here
// and numeric parameters read from a query accept decimal digits (see integerParam).

export type ParamEncoding = 'json' | 'query';

export interface RequestParams {
  values: Record<string, unknown>;
  encoding: ParamEncoding;
}

export function jsonParams(body: Buffer): RequestParams {
  if (body.length === 0) return { values: {}, encoding: 'json' };
  let values: unknown;
  try {
    values = JSON.parse(body.toString('utf8'));
  } catch {
    throw apiError('bodyNotJson');
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw apiError('bodyNotObject');
  return { values: values as Record<string, unknown>, encoding: 'json' };
}

/** Deeper names than this are no parameter of any tiia action. */
const MAX_DEPTH = 4;
const SEGMENT = /^(?:[A-Za-z][A-Za-z0-9_]*|\d{1,4})$/;

type Node = Map<string, Node | string>;

function toValue(node: Node | string, name: string): unknown {
  if (typeof node === 'string') return node;
  const keys = [...node.keys()];
  if (keys.every((k) => /^\d+$/.test(k))) {
    // A list: indexes 0..n-1, each once, as the SDKs write them.
    const list = keys.map(Number).sort((a, b) => a - b);
    if (list.some((k, i) => k !== i)) throw apiError('queryMalformed', { name });
    return list.map((i) => toValue(node.get(String(i))!, `${name}.${i}`));
  }
  if (keys.some((k) => /^\d+$/.test(k))) throw apiError('queryMalformed', { name });
  return Object.fromEntries(keys.map((k) => [k, toValue(node.get(k)!, `${name}.${k}`)]));
}

/** Parses an SDK's flattened query string (already form-decoded by URLSearchParams). */
export function queryParams(query: string): RequestParams {
  const root: Node = new Map();
  for (const [key, value] of new URLSearchParams(query)) {
    const path = key.split('.');
    if (path.length > MAX_DEPTH || !path.every((s) => SEGMENT.test(s)) || /^\d/.test(path[0])) throw apiError('queryMalformed', { name: key.slice(0, 64) });
    let node = root;
    for (const [i, segment] of path.entries()) {
      const existing = node.get(segment);
      const last = i === path.length - 1;
      // The same name twice, or both a value and a parent of others.
      if (last ? existing !== undefined : typeof existing === 'string') throw apiError('queryMalformed', { name: key.slice(0, 64) });
      if (last) node.set(segment, value);
      else {
        const child = existing ?? new Map();
        node.set(segment, child);
        node = child as Node;
      }
    }
  }
  return { values: Object.fromEntries([...root].map(([k, v]) => [k, toValue(v, k)])), encoding: 'query' };
}

/** A required positive integer: a JSON number, or from a query its decimal digits. */
export function integerParam(values: Record<string, unknown>, name: string, encoding: ParamEncoding = 'json'): number {
  const raw = values[name];
  if (raw === undefined || raw === null || raw === '') throw apiError('missingParameter', { name });
  const value = encoding === 'query' && typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw apiError('positiveInteger', { name });
  return value;
}

/** An optional string parameter; undefined when absent. */
export function optionalString(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw apiError('notString', { name });
  return value;
}
