import { describe, expect, it } from "vitest";
import { changedPaths } from "../../../provider/diff/changed-paths";

describe("changedPaths", () => {
  it("names exactly the leaves that differ; arrays compare whole", () => {
    expect(changedPaths({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { b: 1, c: 3 }, d: [1, 2] })).toEqual(["a.c"]);
    expect(changedPaths({ d: [1, 2] }, { d: [2, 1] })).toEqual(["d"]);
    expect(changedPaths({ a: 1 }, { b: 1 })).toEqual(["a", "b"]);
    expect(changedPaths({ a: { x: 1 } }, { a: { x: 1 } })).toEqual([]);
  });

  it("lists the paths sorted, whatever the key order, so a preview reads the same on every run", () => {
    const before = { z: 1, m: { y: 1, b: 1 }, a: 1 };
    const after = { a: 2, m: { b: 2, y: 2 }, z: 2 };
    expect(changedPaths(before, after)).toEqual(["a", "m.b", "m.y", "z"]);
    expect(changedPaths(after, before)).toEqual(["a", "m.b", "m.y", "z"]);
  });
});
