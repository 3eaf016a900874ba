import type { ToolParameter, ToolSpec } from "../profiles/profile";
import type { KnowledgeSearch, Retrieval } from "./knowledge-search";
import type { ConversationSettings } from "./settings";
import { contentWords, identifierWords, numbersIn, STOPWORDS, words } from "./words";

/** What the agent does with one user turn. The rules are in `emulator/README.md` ("The agent"). */
export type AgentDecision =
  | { kind: "end_call"; text: string }
  | { kind: "tool"; tool: ToolSpec; parameters: Record<string, unknown> }
  | { kind: "knowledge"; text: string; retrieval: Retrieval }
  | { kind: "fallback"; text: string };

export const FAREWELL = "Thank you for calling. Goodbye!";
export const FALLBACK = "I'm sorry, I don't have an answer to that.";
export const TOOL_PREAMBLE = "Let me check that for you.";
const END_PHRASES = [["goodbye"], ["bye"], ["end", "call"], ["hang", "up"], ["that's", "all"]];

/** A plural and its singular are the same word to the agent ("orders" finds "order"). */
const stem = (w: string) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);

/**
 * The deterministic agent: no model, no randomness, no clock. The same configuration and the same
 * user turns always give the same decisions, in this order: end the call, call a tool, quote the
 * knowledge base, fall back.
 */
export class Agent {
  constructor(
    private readonly settings: ConversationSettings,
    private readonly tools: ToolSpec[],
    private readonly knowledge: KnowledgeSearch,
  ) {}

  decide(userText: string): AgentDecision {
    const said = new Set(words(userText).map(stem));
    const has = (ws: string[]) => ws.length > 0 && ws.every((w) => said.has(stem(w)));
    if (this.settings.builtInTools.includes("end_call") && END_PHRASES.some(has)) {
      return { kind: "end_call", text: FAREWELL };
    }
    const tool = this.tools.find((t) => toolMatches(t, has, said));
    if (tool) return { kind: "tool", tool, parameters: extractParameters(tool, userText) };
    const retrieval = this.knowledge.best(userText);
    if (retrieval) return { kind: "knowledge", text: retrieval.passage, retrieval };
    return { kind: "fallback", text: FALLBACK };
  }

  /** Every word the agent expects to hear, to bias the recogniser towards them. */
  vocabulary(): string {
    const tools = this.tools.flatMap((t) => [
      identifierWords(t.name).join(" "),
      t.description,
      ...parametersOf(t).flatMap((p) => [identifierWords(p.name).join(" "), ...(p.enum ?? []).map(String)]),
    ]);
    const endCall = this.settings.builtInTools.includes("end_call")
      ? ["goodbye", "bye", "end the call", "hang up"]
      : [];
    return [this.settings.prompt, this.settings.firstMessage, ...tools, ...endCall, this.knowledge.text()].join("\n");
  }
}

/** What the agent says after a tool answered. */
export function sayToolResult(tool: ToolSpec, response: unknown, isError: boolean): string {
  const name = identifierWords(tool.name).join(" ");
  if (isError) return `Sorry, the ${name} tool did not work.`;
  if (typeof response === "string") return response.trim() ? `Here is what I found: ${response.trim()}` : "Done.";
  if (response && typeof response === "object" && !Array.isArray(response)) {
    const facts = Object.entries(response as Record<string, unknown>)
      .filter(([, v]) => ["string", "number", "boolean"].includes(typeof v))
      .slice(0, 5)
      .map(([k, v]) => `${identifierWords(k).join(" ")} is ${v}`);
    if (facts.length > 0) return `Here is what I found: ${facts.join(", ")}.`;
  }
  return "Done.";
}

export const parametersOf = (tool: ToolSpec): ToolParameter[] => tool.parameters;

/**
 * A tool matches when every content word of its name was said, or at least three content words of
 * its description (all of them when it has fewer than three).
 */
function toolMatches(tool: ToolSpec, has: (ws: string[]) => boolean, said: Set<string>): boolean {
  if (has(identifierWords(tool.name).filter((w) => !STOPWORDS.has(w)))) return true;
  const description = [...new Set(contentWords(tool.description).map(stem))];
  if (description.length === 0) return false;
  return description.filter((w) => said.has(w)).length >= Math.min(3, description.length);
}

/** Parameter values read from the user's words (README, "The agent"); a parameter found nowhere is left out. */
function extractParameters(tool: ToolSpec, userText: string): Record<string, unknown> {
  const said = words(userText);
  const numbers = numbersIn(userText);
  const toolWords = new Set([...identifierWords(tool.name), ...contentWords(tool.description)].map(stem));
  const out: Record<string, unknown> = {};
  for (const p of parametersOf(tool)) {
    const value = valueFor(p, said, numbers, toolWords);
    if (value !== undefined) out[p.name] = value;
  }
  return out;
}

function valueFor(p: ToolParameter, said: string[], numbers: string[], toolWords: Set<string>): unknown {
  if (p.enum) {
    const hit = p.enum.find((v) => words(String(v)).every((w) => said.includes(w)));
    return hit ?? p.default ?? p.value;
  }
  if (p.type === "number" || p.type === "integer") return numbers[0] !== undefined ? Number(numbers[0]) : p.default;
  if (p.type === "boolean") {
    if (said.includes("yes") || said.includes("true")) return true;
    if (said.includes("no") || said.includes("false")) return false;
    return p.default;
  }
  if (p.type !== "string") return p.default ?? p.value;
  const nameWords = identifierWords(p.name);
  if (/^(id|number|code|zip)$/.test(nameWords.at(-1) ?? "") && numbers[0] !== undefined) return numbers[0];
  const last = nameWords.at(-1);
  const at = last ? said.lastIndexOf(last) : -1;
  if (at >= 0 && at + 1 < said.length) return said[at + 1];
  const free = said.filter((w) => !STOPWORDS.has(w) && !toolWords.has(stem(w)) && !nameWords.includes(w));
  return free.at(-1) ?? p.default ?? p.value;
}
