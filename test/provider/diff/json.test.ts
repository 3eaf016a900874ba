import { describe, expect, it } from "vitest";
import { pick, stripUndefined } from "../../../provider/diff/json";

// `toStrictEqual` and `Object.keys`: a key present with the value undefined is what the engine
// rejects ("Unexpected struct type"), and `toEqual` would not tell it from an absent key.
describe("stripUndefined", () => {
  it("removes undefined at every depth: the keys are gone, not set to undefined", () => {
    const stripped = stripUndefined({ a: undefined, b: { c: undefined, d: 1 }, e: [1, undefined] });
    expect(stripped).toStrictEqual({ b: { d: 1 }, e: [1] });
    expect(Object.keys(stripped)).toEqual(["b", "e"]);
    expect(Object.keys(stripped.b)).toEqual(["d"]);
  });
});

describe("pick", () => {
  it("keeps the named keys that have a value, and leaves the others out entirely", () => {
    const picked = pick({ a: 1, b: undefined, c: 3 }, ["a", "b", "missing"]);
    expect(picked).toStrictEqual({ a: 1 });
    expect(Object.keys(picked)).toEqual(["a"]);
  });
});
