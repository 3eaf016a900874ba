import { isDeepStrictEqual } from "node:util";
import type { ClientToolHandler, RecordedEvent } from "../../conversation/index";
import { ConversationTimeoutError } from "../../errors";
import type { Script, Step } from "../../models/conversation-smoke-test";
import { body, type ScriptedCall } from "../call";
import { asStepFailure, StepFailure } from "../failure";
import type { StepOutcome } from "./index";

type ExpectToolCall = NonNullable<Step["expectToolCall"]>;
type Matcher = NonNullable<ExpectToolCall["parameters"]>[string];

/** A tool call seen on the socket, whichever form announced it. */
interface SeenCall {
  event: RecordedEvent;
  name: string;
  id?: string;
  /** Undefined when the event carries none (the live `agent_tool_response`). */
  parameters?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * Tool calls announced on the socket: `client_tool_call` (live, client tools), `tool_call`
 * (the contract's, every tool, with parameters), and the live `agent_tool_request` /
 * `agent_tool_response` (server and system tools; the response has no parameters).
 */
export function toolCallOf(e: RecordedEvent): SeenCall | undefined {
  if (e.direction !== "in") return undefined;
  const m = body(e);
  const fields =
    e.type === "client_tool_call"
      ? m.client_tool_call
      : e.type === "tool_call"
        ? m.tool_call_event
        : e.type === "agent_tool_request" || e.type === "agent_tool_response"
          ? (m[e.type] ?? m[`${e.type}_event`])
          : undefined;
  if (!fields || typeof fields.tool_name !== "string") return undefined;
  return {
    event: e,
    name: fields.tool_name,
    id: typeof fields.tool_call_id === "string" ? fields.tool_call_id : undefined,
    parameters:
      fields.parameters && typeof fields.parameters === "object"
        ? (fields.parameters as Record<string, unknown>)
        : undefined,
    isError: typeof fields.is_error === "boolean" ? fields.is_error : undefined,
  };
}

/**
 * The client-tool answers of a script: for each tool name, the `result`/`error` of its
 * `expectToolCall` steps in script order; the n-th call gets the n-th answer, later calls the last.
 */
export function clientToolsOf(script: Script): Record<string, ClientToolHandler> {
  const answers = new Map<string, Array<{ result: unknown } | { error: string }>>();
  for (const step of script.steps) {
    const e = step.expectToolCall;
    if (!e || (e.result === undefined && e.error === undefined)) continue;
    const list = answers.get(e.name) ?? [];
    list.push(e.error !== undefined ? { error: e.error } : { result: e.result });
    answers.set(e.name, list);
  }
  return Object.fromEntries(
    [...answers].map(([name, list]) => {
      let calls = 0;
      const handler: ClientToolHandler = () => list[Math.min(calls++, list.length - 1)] as { result: unknown };
      return [name, handler];
    }),
  );
}

const show = (v: unknown) => JSON.stringify(v);

/** Why `value` does not satisfy `matcher`, or undefined when it does. */
function mismatch(name: string, matcher: Matcher, present: boolean, value: unknown): string | undefined {
  if (!present) return `${name} is missing`;
  if (matcher.any) return undefined;
  if (matcher.regex !== undefined) {
    const text = typeof value === "string" ? value : show(value);
    return new RegExp(matcher.regex, "i").test(text)
      ? undefined
      : `${name} is ${show(value)}, not matching /${matcher.regex}/i`;
  }
  // Numbers and their strings are the same value ("123" spoken is 123 to one model and "123" to another).
  const same =
    isDeepStrictEqual(value, matcher.exact) ||
    (["number", "string"].includes(typeof value) &&
      ["number", "string"].includes(typeof matcher.exact) &&
      String(value) === String(matcher.exact));
  return same ? undefined : `${name} is ${show(value)}, expected ${show(matcher.exact)}`;
}

export function describeExpectToolCall(e: ExpectToolCall): string {
  if (e.absent) return `no call of tool ${e.name}`;
  const params = Object.entries(e.parameters ?? {}).map(([k, m]) =>
    m.any ? `${k}: any` : m.regex !== undefined ? `${k} ~ /${m.regex}/i` : `${k} = ${show(m.exact)}`,
  );
  const answer =
    e.error !== undefined
      ? `, answered with error "${e.error}"`
      : e.result !== undefined
        ? `, answered ${show(e.result)}`
        : "";
  return `a call of tool ${e.name}${params.length ? ` with ${params.join(", ")}` : ""}${answer}`;
}

/**
 * A tool call of the last turn, by name and parameters; `absent` waits for the turn's answer and
 * proves no such call came before it. Parameters the socket does not show (live server tools)
 * are read from the conversation's REST record.
 */
export async function expectToolCall(call: ScriptedCall, e: ExpectToolCall): Promise<StepOutcome> {
  const expected = describeExpectToolCall(e);
  if (e.absent) return absent(call, e, expected);
  let seen: SeenCall;
  try {
    const event = await call.client.waitFor((ev) => !call.consumed.has(ev) && toolCallOf(ev)?.name === e.name, {
      since: call.since,
      timeoutMs: call.stepBudget(),
      description: expected,
    });
    seen = toolCallOf(event) as SeenCall;
  } catch (error) {
    if (!(error instanceof ConversationTimeoutError)) throw asStepFailure(error);
    const others = call.events.filter((ev) => ev.at >= call.since).flatMap((ev) => toolCallOf(ev)?.name ?? []);
    throw (
      call.recognitionProblem() ??
      new StepFailure(
        "tool",
        others.length ? `calls of ${[...new Set(others)].join(", ")}` : "no tool call",
        `the agent did not call ${e.name}`,
      )
    );
  }
  for (const ev of call.events) if (ev.at <= seen.event.at && toolCallOf(ev)) call.consumed.add(ev);
  const parameters = seen.parameters ?? (await parametersFromRecord(call, seen));
  const problems = Object.entries(e.parameters ?? {}).flatMap(
    ([name, matcher]) =>
      mismatch(name, matcher, parameters !== undefined && name in parameters, parameters?.[name]) ?? [],
  );
  let got = `${seen.name}(${parameters === undefined ? "parameters not visible" : show(parameters)})`;
  if (problems.length > 0) throw call.recognitionProblem() ?? new StepFailure("tool", got, problems.join("; "));
  const outcome = await answerOf(call, seen);
  if (outcome) got += `, ${outcome.text}`;
  if (outcome?.isError && e.error === undefined) throw new StepFailure("tool", got, `the tool ${e.name} failed`);
  const latencyMs = call.turn ? Math.round(seen.event.at - call.turn.endedAt) : undefined;
  call.withinBudget(latencyMs, e.withinMs, got);
  return { expected, got, latencyMs };
}

async function absent(call: ScriptedCall, e: ExpectToolCall, expected: string): Promise<StepOutcome> {
  // The turn is over once its answer came (tool calls come before it); a silent agent has the step's time.
  const answer = await call.client
    .waitFor((ev) => ev.direction === "in" && ev.type === "agent_response" && !call.consumed.has(ev), {
      since: call.since,
      timeoutMs: call.stepBudget(),
      description: "the agent's answer",
    })
    .catch(() => undefined);
  const calls = call.events.filter((ev) => ev.at >= call.since && toolCallOf(ev)?.name === e.name);
  if (calls.length > 0) {
    const first = toolCallOf(calls[0] as RecordedEvent) as SeenCall;
    throw new StepFailure("tool", `${e.name}(${show(first.parameters ?? {})})`, `the agent called ${e.name}`);
  }
  return { expected, got: answer ? "no such call before the answer" : "no such call (and no answer)" };
}

/** How the call was answered: the client's own `client_tool_result`, or the server tool's response. */
async function answerOf(call: ScriptedCall, seen: SeenCall): Promise<{ text: string; isError: boolean } | undefined> {
  if (seen.isError !== undefined)
    return { text: seen.isError ? "the tool failed" : "the tool answered", isError: seen.isError };
  if (seen.id === undefined) return undefined;
  // The client answers client tools itself, as soon as its handler returns.
  const ours =
    seen.event.type === "client_tool_call"
      ? await call.client
          .waitFor(
            (ev) => ev.direction === "out" && ev.type === "client_tool_result" && body(ev).tool_call_id === seen.id,
            {
              since: seen.event.at,
              timeoutMs: Math.min(2000, call.stepBudget()),
              description: `the answer to client tool call ${seen.id}`,
            },
          )
          .catch(() => undefined)
      : undefined;
  if (ours)
    return { text: `answered ${show(body(ours).result)}${body(ours).is_error ? " as an error" : ""}`, isError: false };
  if (seen.event.type !== "tool_call") return undefined;
  // The contract's server tools: `tool_response` follows once the webhook answered.
  const response = await call.client
    .waitFor(
      (ev) =>
        ev.direction === "in" &&
        ev.type === "tool_response" &&
        (body(ev).tool_response_event?.tool_call_id ?? body(ev).tool_call_id) === seen.id,
      { since: seen.event.at, timeoutMs: call.stepBudget(), description: `the response of tool call ${seen.id}` },
    )
    .catch(() => undefined);
  if (!response) return undefined;
  const r = body(response).tool_response_event ?? body(response);
  return {
    text: `${r.is_error ? "the tool failed: " : "the tool answered "}${show(r.response)}`,
    isError: r.is_error === true,
  };
}

/** The call's parameters from the REST record (`transcript[].tool_calls[].params_as_json`), if readable. */
async function parametersFromRecord(call: ScriptedCall, seen: SeenCall): Promise<Record<string, unknown> | undefined> {
  const record = await call.record().catch(() => undefined);
  for (const turn of record?.transcript ?? []) {
    for (const c of turn.tool_calls ?? []) {
      if (c.tool_call_id !== seen.id && (seen.id !== undefined || c.tool_name !== seen.name)) continue;
      try {
        return typeof c.params_as_json === "string" ? JSON.parse(c.params_as_json) : c.parameters;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
