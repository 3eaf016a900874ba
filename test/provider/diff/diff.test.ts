import { describe, expect, it } from "vitest";
import { changedPaths } from "../../../provider/diff/changed-paths";
import { stripUndefined } from "../../../provider/diff/json";
import { buildMergePatch } from "../../../provider/diff/merge-patch";
import { projectOnto } from "../../../provider/diff/project";

describe("changedPaths", () => {
  it("names exactly the leaves that differ; arrays compare whole", () => {
    expect(changedPaths({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { b: 1, c: 3 }, d: [1, 2] })).toEqual(["a.c"]);
    expect(changedPaths({ d: [1, 2] }, { d: [2, 1] })).toEqual(["d"]);
    expect(changedPaths({ a: 1 }, { b: 1 })).toEqual(["a", "b"]);
    expect(changedPaths({ a: { x: 1 } }, { a: { x: 1 } })).toEqual([]);
  });
});

describe("buildMergePatch", () => {
  it("sends changed leaves, null for removals, whole arrays, nothing for equal", () => {
    const from = { name: "a", cfg: { x: 1, y: { z: 2 }, list: [1] }, gone: { k: 1 } };
    const to = { name: "a", cfg: { x: 2, y: { z: 2 }, list: [1, 2], added: true } };
    expect(buildMergePatch(from, to)).toEqual({ cfg: { x: 2, list: [1, 2], added: true }, gone: null });
    expect(buildMergePatch(to, to)).toEqual({});
  });

  it("an object replacing a scalar is sent whole", () => {
    expect(buildMergePatch({ a: 1 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});

describe("projectOnto", () => {
  it("keeps only the keys the program sets, recursing into objects and equal-length arrays", () => {
    const live = { a: { b: 1, serverDefault: 3 }, list: [{ n: "x", d: 1 }], extra: true };
    expect(projectOnto(live, { a: { b: 0 }, list: [{ n: "y" }] })).toEqual({ a: { b: 1 }, list: [{ n: "x" }] });
  });

  it("a managed key missing live stays missing (drift)", () => {
    expect(projectOnto({ a: {} }, { a: { b: 1 } })).toEqual({ a: {} });
  });
});

describe("stripUndefined", () => {
  it("removes undefined at every depth", () => {
    expect(stripUndefined({ a: undefined, b: { c: undefined, d: 1 }, e: [1, undefined] })).toEqual({
      b: { d: 1 },
      e: [1],
    });
  });
});
