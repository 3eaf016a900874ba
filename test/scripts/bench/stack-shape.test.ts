import { describe, expect, it } from "vitest";
import { firstMessage, programFor, resourceCount, stackShape } from "../../../scripts/bench/stack-shape";

describe("the scale benchmark's stack", () => {
  it("has, per 10 resources, 3 tools, 4 agents and 3 documents, all wired to existing objects", () => {
    const shape = stackShape(50);
    expect([shape.tools.length, shape.agents.length, shape.documents.length]).toEqual([15, 20, 15]);
    expect(resourceCount(shape)).toBe(50);
    for (const a of shape.agents) for (const t of a.tools) expect(shape.tools[t]).toBeDefined();
    for (const d of shape.documents) expect(shape.agents[d.agent]).toBeDefined();
  });

  it("refuses a size the mix cannot be made of", () => {
    expect(() => stackShape(15)).toThrow(/multiple of 10/);
    expect(() => stackShape(0)).toThrow(/multiple of 10/);
  });

  it("becomes a program that declares every resource once and changes only the agents' first message between versions", () => {
    const shape = stackShape(10);
    const v0 = programFor(shape, 0);
    const v1 = programFor(shape, 1);
    // Runs as the language host would run it, with a stand-in for the package that records declarations.
    const declared: { kind: string; name: string; args: any }[] = [];
    const record = (kind: string) =>
      class {
        toolId = `${kind}-id`;
        agentId = `${kind}-id`;
        constructor(name: string, args: unknown) {
          declared.push({ kind, name, args });
        }
      };
    const el = { Tool: record("Tool"), Agent: record("Agent"), KnowledgeBaseDocument: record("KnowledgeBaseDocument") };
    new Function("require", v0)(() => el);
    expect(declared.map((d) => d.kind).sort()).toEqual([
      ...Array(4).fill("Agent"),
      ...Array(3).fill("KnowledgeBaseDocument"),
      ...Array(3).fill("Tool"),
    ]);
    expect(new Set(declared.map((d) => d.name)).size).toBe(10);
    const agent = declared.find((d) => d.name === "agent-0");
    expect(agent?.args.conversationConfig.agent.prompt.toolIds).toEqual(["Tool-id", "Tool-id"]);
    expect(agent?.args.conversationConfig.agent.firstMessage).toBe(firstMessage(0, 0));
    const changed = v1.split("\n").filter((line, i) => line !== v0.split("\n")[i]);
    expect(changed).toHaveLength(4);
    for (const line of changed) expect(line).toContain("(v1)");
  });
});
