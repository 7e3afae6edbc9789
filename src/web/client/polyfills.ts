// The few newer built-ins the shared engine uses, for older in-app browsers (WeChat X5 and the like).
const A = Array.prototype as unknown as Record<string, unknown>;
if (!A.flatMap) {
  A.flatMap = function <T, U>(this: T[], fn: (x: T, i: number) => U | U[]) {
    return this.reduce<U[]>((out, x, i) => out.concat(fn(x, i)), []);
  };
}
if (!A.flat) {
  A.flat = function <T>(this: T[][]) {
    return this.reduce<T[]>((out, x) => out.concat(x), []);
  };
}
if (!A.at) {
  A.at = function <T>(this: T[], i: number) {
    return this[i < 0 ? this.length + i : i];
  };
}
const O = Object as unknown as Record<string, unknown>;
if (!O.fromEntries) {
  O.fromEntries = (entries: Iterable<[string, unknown]>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Array.from(entries)) out[k] = v;
    return out;
  };
}
const G = globalThis as unknown as Record<string, unknown>;
if (!G.structuredClone) G.structuredClone = (v: unknown) => JSON.parse(JSON.stringify(v));
export {};
