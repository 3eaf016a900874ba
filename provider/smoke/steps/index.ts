import type { Step, StepKind } from "../../models/conversation-smoke-test";
import type { ScriptedCall } from "../call";
import { expectAgent, expectEnd, expectTranscript } from "./expectations";
import { expectKnowledgeBase } from "./knowledge-base";
import { expectToolCall } from "./tools";
import { audioFile, interrupt, say, text } from "./user-turns";

/** What a step that passed reports; a failing step throws a StepFailure instead. */
export interface StepOutcome {
  expected: string;
  got: string;
  latencyMs?: number;
}

type Executors = { [K in StepKind]: (call: ScriptedCall, value: NonNullable<Step[K]>) => Promise<StepOutcome> };

/** Every step kind's executor: a kind without one fails to compile. */
export const STEPS: Executors = {
  say,
  audio: audioFile,
  text,
  expectAgent,
  expectTranscript,
  expectToolCall,
  expectKnowledgeBase,
  interrupt,
  expectEnd,
};

/** Kinds that act as the user; every other kind checks the agent (a script must run at least one check). */
const USER_TURNS: ReadonlySet<StepKind> = new Set(["say", "audio", "text"]);
export const isExpectation = (kind: StepKind) => !USER_TURNS.has(kind);

/** The step's one action key (the model guarantees there is exactly one). */
export function kindOf(step: Step): StepKind {
  return (Object.keys(STEPS) as StepKind[]).find((k) => step[k] !== undefined) as StepKind;
}
