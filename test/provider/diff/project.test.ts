import { describe, expect, it } from "vitest";
import { projectOnto } from "../../../provider/diff/project";

describe("projectOnto", () => {
  it("keeps only the keys the program sets, recursing into objects and equal-length arrays", () => {
    const live = { a: { b: 1, serverDefault: 3 }, list: [{ n: "x", d: 1 }], extra: true };
    expect(projectOnto(live, { a: { b: 0 }, list: [{ n: "y" }] })).toEqual({ a: { b: 1 }, list: [{ n: "x" }] });
  });

  it("a managed key missing live stays missing (drift): absent, not present as undefined", () => {
    const projected = projectOnto({ a: {} }, { a: { b: 1 } }) as { a: object };
    expect(projected).toStrictEqual({ a: {} });
    expect(Object.keys(projected.a)).toEqual([]);
  });

  it("an array whose length changed is kept whole, server fields of its items included", () => {
    const live = [
      { n: "x", d: 1 },
      { n: "y", d: 2 },
    ];
    expect(projectOnto(live, [{ n: "x" }])).toEqual(live);
  });

  it("a live value of another type than the program's is kept as it is, so the difference shows", () => {
    expect(projectOnto("text", { a: 1 })).toBe("text");
    expect(projectOnto({ a: 1, b: 2 }, "text")).toEqual({ a: 1, b: 2 });
    expect(projectOnto("text", [1, 2, 3, 4])).toBe("text");
    expect(projectOnto([{ a: 1, b: 2 }], "text")).toEqual([{ a: 1, b: 2 }]);
  });
});
