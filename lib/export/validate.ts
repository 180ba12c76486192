/** Minimal structural checks for imported JSON; each failure names the path that is wrong. */

export class ShapeError extends Error {}

export type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ShapeError(`${path}: expected an object`);
  return v as Obj;
}

export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${path}: expected an array`);
  return v;
}

export function str(o: Obj, key: string, path: string): string {
  if (typeof o[key] !== 'string') throw new ShapeError(`${path}.${key}: expected a string`);
  return o[key] as string;
}

export function optStr(o: Obj, key: string, path: string): void {
  if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') {
    throw new ShapeError(`${path}.${key}: expected a string or nothing`);
  }
}

export function num(o: Obj, key: string, path: string): number {
  if (typeof o[key] !== 'number' || !Number.isFinite(o[key]))
    throw new ShapeError(`${path}.${key}: expected a number`);
  return o[key] as number;
}

export function bool(o: Obj, key: string, path: string): boolean {
  if (typeof o[key] !== 'boolean') throw new ShapeError(`${path}.${key}: expected true or false`);
  return o[key] as boolean;
}

export function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], path: string): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new ShapeError(`${path}.${key}: expected one of ${allowed.join(', ')}`);
  }
  return v as T;
}
