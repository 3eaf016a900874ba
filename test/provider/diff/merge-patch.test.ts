import { describe, expect, it } from "vitest";
import { buildMergePatch, overlayPatch } from "../../../provider/diff/merge-patch";

describe("buildMergePatch", () => {
  it("sends changed leaves, null for removals, whole arrays, nothing for equal", () => {
    const from = { name: "a", cfg: { x: 1, y: { z: 2 }, list: [1] }, gone: { k: 1 } };
    const to = { name: "a", cfg: { x: 2, y: { z: 2 }, list: [1, 2], added: true } };
    expect(buildMergePatch(from, to)).toEqual({ cfg: { x: 2, list: [1, 2], added: true }, gone: null });
    expect(buildMergePatch(to, to)).toEqual({});
  });

  it("sends a user key named __proto__ like any other (as a field, never as the patch's prototype)", () => {
    const to = { metadata: JSON.parse('{"__proto__": "x", "constructor": "y"}') };
    const patch = buildMergePatch({ metadata: {} }, to);
    expect(JSON.stringify(patch)).toBe('{"metadata":{"__proto__":"x","constructor":"y"}}');
    expect(Object.getPrototypeOf(patch.metadata)).toBe(Object.prototype);
  });

  it("an object replacing a scalar is sent whole", () => {
    expect(buildMergePatch({ a: 1 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it("a key that is undefined on both sides sends nothing, not a null that would delete it", () => {
    expect(buildMergePatch({ a: undefined, b: 1 }, { a: undefined, b: 1 })).toStrictEqual({});
    expect(buildMergePatch({ n: { a: undefined } }, { n: {} })).toStrictEqual({});
  });
});

describe("overlayPatch (a patch laid over a live object, to send it whole)", () => {
  it("keeps what the patch leaves alone, replaces what it sets, and keeps a removal as null", () => {
    const live = { auth: { enable_auth: false, allowlist: [{ hostname: "a" }] }, widget: { variant: "full" } };
    expect(overlayPatch(live, { auth: { enable_auth: true, allowlist: null } })).toEqual({
      auth: { enable_auth: true, allowlist: null },
      widget: { variant: "full" },
    });
    expect(live.auth.enable_auth).toBe(false);
  });
});
