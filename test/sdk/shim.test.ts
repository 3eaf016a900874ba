import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { attach } from "../../provider";
import { handlers } from "../../provider/handlers/registry";
import { RESOURCE_KINDS } from "../../provider/models/spec";
import { providers } from "../../sdk/shim";

describe("the serialized __provider shim", () => {
  for (const kind of RESOURCE_KINDS) {
    it(`${kind}: is under 1 KiB, requires the runtime by package name and captures nothing but the kind`, async () => {
      const shim = providers[kind];
      const { text } = await pulumi.runtime.serializeFunction(() => shim);
      expect(Buffer.byteLength(text)).toBeLessThan(1024);
      expect(text).toContain('require("pulumi-elevenlabs/provider")');
      expect(text).toContain(`kind: ${JSON.stringify(kind)}`);
      for (const leak of ["zod", "undici", "apiKey", "xi-api-key", "ElevenLabsClient", "handlers"])
        expect(text).not.toContain(leak);
    });
  }

  it("is one object per kind, so the engine's serialization cache (keyed by identity) is hit", async () => {
    expect(new Set(Object.values(providers)).size).toBe(RESOURCE_KINDS.length);
    const a = await pulumi.runtime.serializeFunction(() => providers.Agent);
    const b = await pulumi.runtime.serializeFunction(() => providers.Agent);
    expect(a.text).toBe(b.text);
  });

  it("attach (what the shim's configure calls) gives a shim every method of its kind's handler, synchronously", async () => {
    const shim: Record<string, any> = { kind: "Tool" };
    attach(shim as any, { get: () => undefined });
    for (const m of ["check", "diff", "create", "read", "update", "delete"]) expect(typeof shim[m]).toBe("function");
    const result = await shim.check({}, { type: "client", name: "x" });
    expect(result).toEqual(await handlers.Tool.check!({}, { type: "client", name: "x" }));
    expect(() => attach({ kind: "Nope" } as any, { get: () => undefined })).toThrow(/unknown resource kind/);
  });
});
