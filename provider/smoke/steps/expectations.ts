import { ConversationTimeoutError, closeCodeMeaning } from "../../errors";
import type { Step } from "../../models/conversation-smoke-test";
import { agentEventId, agentText, DEFAULTS, heardText, type ScriptedCall } from "../call";
import { asStepFailure, StepFailure } from "../failure";
import { wordErrorRate } from "../wer";
import type { StepOutcome } from "./index";

type ExpectAgent = NonNullable<Step["expectAgent"]>;

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, " ");
const quote = (texts: string[]) => (texts.length === 0 ? "no response" : texts.map((t) => `"${t}"`).join(", then "));

export function describeExpectAgent(e: ExpectAgent): string {
  const parts = [
    ...list(e.contains).map((t) => `contains "${t}"`),
    ...(e.regex ? [`matches /${e.regex}/i`] : []),
    ...(e.any ? ["any response"] : []),
    ...list(e.not).map((t) => `does not contain "${t}"`),
  ];
  const what =
    e.any && parts.length === 1
      ? "agent says anything"
      : `agent says something that ${parts.filter((p) => p !== "any response").join(" and ")}`;
  return `${what}${e.withinMs ? ` within ${e.withinMs} ms` : ""}`;
}

/** Whether a response satisfies the positive part of the expectation (`not` is judged separately). */
function matches(e: ExpectAgent, text: string): boolean {
  const said = squash(text);
  return (
    list(e.contains).every((t) => said.includes(squash(t))) &&
    (e.regex === undefined || new RegExp(e.regex, "i").test(text))
  );
}

/**
 * The next response (one earlier expectations did not use) after the last user turn that matches;
 * responses that do not match are passed over but quoted if none does. `not` alone judges the next
 * response. Latency: from the end of the user's turn to the response's first audio.
 */
export async function expectAgent(call: ScriptedCall, e: ExpectAgent): Promise<StepOutcome> {
  const expected = describeExpectAgent(e);
  const positive = e.contains !== undefined || e.regex !== undefined;
  const fresh = (ev: (typeof call.events)[number]) =>
    ev.direction === "in" && ev.type === "agent_response" && !call.consumed.has(ev);
  let response: (typeof call.events)[number];
  try {
    response = await call.client.waitFor((ev) => fresh(ev) && (!positive || matches(e, agentText(ev))), {
      since: call.since,
      timeoutMs: call.stepBudget(),
      description: expected,
    });
  } catch (error) {
    const got = call
      .incoming("agent_response")
      .filter((ev) => !call.consumed.has(ev))
      .map(agentText);
    if (!(error instanceof ConversationTimeoutError)) throw asStepFailure(error);
    throw (
      call.recognitionProblem() ??
      (got.length > 0
        ? new StepFailure(
            "agent",
            quote(got),
            `no response ${expected.replace(/^agent says something that /, "that ")}`,
          )
        : new StepFailure(
            "timeout",
            "no response",
            `no agent response within ${(error as ConversationTimeoutError).timeoutMs} ms`,
          ))
    );
  }
  for (const ev of call.incoming("agent_response")) if (ev.at <= response.at) call.consumed.add(ev);
  const text = agentText(response);
  const forbidden = list(e.not).find((t) => squash(text).includes(squash(t)));
  if (forbidden !== undefined)
    throw call.recognitionProblem() ?? new StepFailure("agent", quote([text]), `the response contains "${forbidden}"`);
  const audio = await call.firstAudioAfter(response.at, agentEventId(response));
  const latencyMs = audio ? call.latencyTo(audio.at) : undefined;
  call.withinBudget(latencyMs, e.withinMs ?? call.limits.responseWithinMs, quote([text]));
  return { expected, got: quote([text]), latencyMs };
}

/** What the agent heard of the last audio turn, against the text, by word error rate. */
export async function expectTranscript(
  call: ScriptedCall,
  e: NonNullable<Step["expectTranscript"]>,
): Promise<StepOutcome> {
  const max = e.maxWordErrorRate ?? DEFAULTS.maxWordErrorRate;
  const expected = `the agent hears "${e.text}" (word error rate ≤ ${Math.round(max * 100)} %)`;
  let heard: (typeof call.events)[number];
  try {
    heard = await call.client.waitFor(
      (ev) => ev.direction === "in" && ev.type === "user_transcript" && !call.consumed.has(ev),
      { since: call.since, timeoutMs: call.stepBudget(), description: "a user_transcript" },
    );
  } catch (error) {
    if (!(error instanceof ConversationTimeoutError)) throw asStepFailure(error);
    throw new StepFailure("recognition", "no user_transcript", "the agent did not transcribe the user's turn");
  }
  call.consumed.add(heard);
  const text = heardText(heard);
  const wer = wordErrorRate(e.text, text);
  const got = `heard "${text}" (word error rate ${Math.round(wer * 100)} %)`;
  if (wer > max) throw new StepFailure("recognition", got, `misheard: "${text}" for "${e.text}"`);
  return { expected, got, latencyMs: call.turn ? Math.round(heard.at - call.turn.endedAt) : undefined };
}

/** The agent ends the call: the server closes with 1000. */
export async function expectEnd(call: ScriptedCall, e: NonNullable<Step["expectEnd"]>): Promise<StepOutcome> {
  const withinMs = e === true ? undefined : e.withinMs;
  const expected = `the agent ends the call (close 1000)${withinMs ? ` within ${withinMs} ms` : ""}`;
  const timeoutMs = call.stepBudget();
  let timer: NodeJS.Timeout | undefined;
  const info = await Promise.race([
    call.client.closed,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!info)
    throw (
      call.recognitionProblem() ?? new StepFailure("agent", "the call is still open", "the agent did not end the call")
    );
  const closeAt = call.events.find((ev) => ev.type === "close")?.at;
  const latencyMs = closeAt !== undefined && call.turn ? Math.round(closeAt - call.turn.endedAt) : undefined;
  const got = `closed ${info.code} ${closeCodeMeaning(info.code)}${info.reason ? ` ("${info.reason}")` : ""}`;
  if (info.code !== 1000 || !info.byServer)
    throw new StepFailure(
      info.code === 1000 ? "agent" : "connection",
      got,
      "the call did not end normally by the agent",
    );
  call.withinBudget(latencyMs, withinMs, got);
  return { expected, got, latencyMs };
}
