import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergePatch } from "../../emulator/merge-patch";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start();
});
afterAll(() => t.close());

describe("PATCH is an RFC 7396 merge patch", () => {
  it("follows the RFC's examples: objects merge, null removes, arrays replace", () => {
    expect(mergePatch({ a: "b", c: { d: "e", f: "g" } }, { a: "z", c: { f: null } })).toEqual({
      a: "z",
      c: { d: "e" },
    });
    expect(mergePatch({ a: [{ b: "c" }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch({ a: "foo" }, "bar")).toBe("bar");
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
    // A patch that is not an object replaces the target whole, null included (RFC 7396 §2).
    expect(mergePatch({ a: "foo" }, null)).toBeNull();
    expect(mergePatch({ a: "foo" }, ["c"])).toEqual(["c"]);
    expect(Object.getPrototypeOf(mergePatch({}, JSON.parse('{"__proto__": {"x": 1}}')))).toBe(Object.prototype);
  });

  it("builds ordinary objects: a merged key can be written and deleted again", () => {
    const merged = mergePatch({ kept: 1 }, { added: { deep: 2 } }) as Record<string, any>;
    merged.added.deep = 3;
    expect(merged).toEqual({ kept: 1, added: { deep: 3 } });
    merged.added = "replaced";
    delete merged.added;
    delete merged.kept;
    expect(merged).toEqual({});
  });

  it("merges nested config, removes fields set to null and keeps unknown fields", async () => {
    const { body: a } = await t.api("POST", "/agents", {
      name: "Merge",
      conversation_config: { agent: { prompt: { prompt: "one", tool_ids: ["t1", "t2"] }, first_message: "hi" } },
      extra: { keep: true, drop: 1 },
    });
    const res = await t.api("PATCH", `/agents/${a.agent_id}`, {
      conversation_config: { agent: { prompt: { tool_ids: ["t3"] }, first_message: null } },
      extra: { drop: null },
      another: "new",
    });
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.conversation_config.agent.prompt).toEqual({ prompt: "one", tool_ids: ["t3"] });
    // first_message was removed, then the server default ("") filled in again.
    expect(p.conversation_config.agent.first_message).toBe("");
    expect(p.extra).toEqual({ keep: true });
    expect(p.another).toBe("new");
    expect(p.created_at).toBe(a.created_at);
    expect(p.updated_at >= a.updated_at).toBe(true);
    expect((await t.api("GET", `/agents/${a.agent_id}`)).body).toEqual(p);
  });

  it("ignores read-only fields and rejects removing a required field", async () => {
    const { body: a } = await t.api("POST", "/agents", { name: "RO" });
    const res = await t.api("PATCH", `/agents/${a.agent_id}`, {
      agent_id: "agent_other",
      created_at: "2000-01-01T00:00:00Z",
    });
    expect(res.body.agent_id).toBe(a.agent_id);
    expect(res.body.created_at).toBe(a.created_at);
    const err = expectError(await t.api("PATCH", `/agents/${a.agent_id}`, { name: null }), 400, "VALIDATION_ERROR");
    expect(err.details.field).toBe("name");
    expectError(await t.api("PATCH", `/agents/${a.agent_id}`, { is_public: "yes" }), 400, "VALIDATION_ERROR");
    expect((await t.api("GET", `/agents/${a.agent_id}`)).body.name).toBe("RO");
  });
});
