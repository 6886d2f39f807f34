/** Drops the keys whose value is undefined, in place: optional event fields stay absent rather than `undefined`. */
export function withoutUndefined<T extends object>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object as { [K in keyof T]?: Exclude<T[K], undefined> };
}
