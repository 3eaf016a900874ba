import { setTimeout as sleep } from "node:timers/promises";
import type { Step } from "../../models/conversation-smoke-test";
import { agentText, type ConversationRecord, type ScriptedCall } from "../call";
import { asStepFailure, StepFailure } from "../failure";
import type { StepOutcome } from "./index";

/** How long the record may lag the socket before the turn's retrieval info counts as missing. */
const RECORD_WAIT_MS = 3_000;

type Entry = NonNullable<ConversationRecord["transcript"]>[number];

/** Documents a turn was grounded in: its retrieval chunks and the static documents it used. */
const documentsOf = (entry: Entry) => [
  ...new Set([
    ...(entry.rag_retrieval_info?.chunks ?? []).flatMap((c) => c.document_id ?? []),
    ...(entry.used_static_kb_document_ids ?? []),
  ]),
];

/**
 * The answer to the last turn was retrieved from the named documents (ids, or names looked up in
 * the agent's knowledge base). The socket carries no retrieval info, so this reads the turn's
 * `rag_retrieval_info` from the conversation's REST record, where the live service and the
 * emulator both keep it, as the turn happens.
 */
export async function expectKnowledgeBase(
  call: ScriptedCall,
  e: NonNullable<Step["expectKnowledgeBase"]>,
): Promise<StepOutcome> {
  const expected = `the answer comes from ${e.documents.map((d) => `"${d}"`).join(", ")}`;
  const answer =
    call
      .incoming("agent_response")
      .filter((ev) => call.consumed.has(ev))
      .at(-1) ??
    (await call.client
      .waitFor((ev) => ev.direction === "in" && ev.type === "agent_response", {
        since: call.since,
        timeoutMs: call.stepBudget(),
        description: "the agent's answer",
      })
      .catch((error) => {
        throw asStepFailure(error);
      }));
  call.consumed.add(answer);
  const text = agentText(answer);
  const until = Date.now() + Math.min(RECORD_WAIT_MS, call.stepBudget());
  let entry: Entry | undefined;
  for (;;) {
    const transcript = (await call.record()).transcript ?? [];
    const lastUser = transcript.map((t) => t.role).lastIndexOf("user");
    const answers = transcript.slice(lastUser + 1).filter((t) => t.role === "agent");
    entry = answers.find((t) => t.message && text.startsWith(t.message)) ?? answers.at(-1);
    if ((entry && documentsOf(entry).length > 0) || Date.now() >= until) break;
    await sleep(150);
  }
  const used = entry ? documentsOf(entry) : [];
  const names = await documentNames(call, used);
  const shown = used.map((id) => (names.get(id) ? `${names.get(id)} (${id})` : id));
  const got = used.length ? `retrieved from ${shown.join(", ")}` : `"${text}" with no retrieval`;
  const missing = e.documents.filter((d) => !used.includes(d) && !used.some((id) => names.get(id) === d));
  if (missing.length > 0)
    throw (
      call.recognitionProblem() ??
      new StepFailure("agent", got, `the answer was not grounded in ${missing.map((d) => `"${d}"`).join(", ")}`)
    );
  return { expected, got };
}

/** The names of the agent's documents by id (empty when the list cannot be read). */
async function documentNames(call: ScriptedCall, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0 || !call.options.api) return new Map();
  const docs = await call.options.api
    .listAll<{ document_id?: string; id?: string; name?: string }>("knowledgeBase.list", {
      path: { agent_id: call.script.agentId },
    })
    .catch(() => []);
  return new Map(
    docs.flatMap((d) => ((d.document_id ?? d.id) && d.name ? [[String(d.document_id ?? d.id), d.name]] : [])),
  );
}
