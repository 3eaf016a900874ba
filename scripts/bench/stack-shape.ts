/**
 * The stack the scale benchmark deploys, described once and used twice: as a Pulumi program for
 * the engine (`programFor`) and as the plain API calls of the baseline (scripts/bench/baseline.ts).
 * Per 10 resources, the mix of a real workspace: 3 tools, 4 agents each allowed two of them, and
 * 3 text documents, each in one agent's knowledge base.
 */
export interface StackShape {
  tools: { name: string }[];
  /** `tools`: indexes into `tools`. */
  agents: { name: string; tools: number[] }[];
  /** `agent`: index into `agents`. */
  documents: { name: string; agent: number; text: string }[];
}

/** `n` must be a multiple of 10 (the mix is per 10 resources). */
export function stackShape(n: number): StackShape {
  if (!Number.isInteger(n) || n <= 0 || n % 10 !== 0)
    throw new RangeError(`stack size must be a multiple of 10, got ${n}`);
  const groups = n / 10;
  const tools = Array.from({ length: 3 * groups }, (_, i) => ({ name: `tool_${i}` }));
  const agents = Array.from({ length: 4 * groups }, (_, i) => ({
    name: `Agent ${i}`,
    tools: [i % tools.length, (i + 1) % tools.length],
  }));
  const documents = Array.from({ length: 3 * groups }, (_, i) => ({
    name: `Doc ${i}`,
    agent: i,
    text: `Fact number ${i}: the store opens at nine.`,
  }));
  return { tools, agents, documents };
}

/** The one field the update step changes on every agent; `version` 0 is the created stack. */
export function firstMessage(agent: number, version: number): string {
  return version === 0 ? `Hi, I am agent ${agent}.` : `Hello again from agent ${agent} (v${version}).`;
}

export const PROMPT = "You answer questions about the Acme store. Be brief.";

/** The tool body as the program gives it (model shape); the baseline sends the same, in wire shape. */
export function toolEventName(tool: number): string {
  return `event_${tool}`;
}

/** A CommonJS Pulumi program declaring `shape`, agents' first message at `version`. */
export function programFor(shape: StackShape, version: number): string {
  const lines = ['const el = require("pulumi-elevenlabs");', "const tools = [];", "const agents = [];"];
  shape.tools.forEach((t, i) => {
    lines.push(
      `tools.push(new el.Tool("tool-${i}", { type: "client", name: ${JSON.stringify(t.name)}, ` +
        `clientTool: { eventName: ${JSON.stringify(toolEventName(i))}, parameters: [] } }));`,
    );
  });
  shape.agents.forEach((a, i) => {
    const toolIds = a.tools.map((t) => `tools[${t}].toolId`).join(", ");
    lines.push(
      `agents.push(new el.Agent("agent-${i}", { name: ${JSON.stringify(a.name)}, conversationConfig: { agent: { ` +
        `firstMessage: ${JSON.stringify(firstMessage(i, version))}, ` +
        `prompt: { prompt: ${JSON.stringify(PROMPT)}, toolIds: [${toolIds}] } } } }));`,
    );
  });
  shape.documents.forEach((d, i) => {
    lines.push(
      `new el.KnowledgeBaseDocument("doc-${i}", { agentId: agents[${d.agent}].agentId, ` +
        `name: ${JSON.stringify(d.name)}, text: ${JSON.stringify(d.text)} });`,
    );
  });
  return `${lines.join("\n")}\n`;
}

export function resourceCount(shape: StackShape): number {
  return shape.tools.length + shape.agents.length + shape.documents.length;
}
