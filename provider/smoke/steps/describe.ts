import type { Step, StepKind } from "../../models/conversation-smoke-test";
import { describeExpectAgent } from "./expectations";
import { describeExpectToolCall } from "./tools";

/** What a step asks for, in words: the report's "expected" column, whether the step passed or not. */
export function describeStep(kind: StepKind, step: Step): string {
  switch (kind) {
    case "say":
      return `say "${step.say}"`;
    case "audio":
      return `audio ${step.audio}`;
    case "text":
      return `text "${step.text}"`;
    case "expectAgent":
      return describeExpectAgent(step.expectAgent as NonNullable<Step["expectAgent"]>);
    case "expectTranscript": {
      const e = step.expectTranscript as NonNullable<Step["expectTranscript"]>;
      return `the agent hears "${e.text}" (word error rate ≤ ${Math.round((e.maxWordErrorRate ?? 0.25) * 100)} %)`;
    }
    case "expectToolCall":
      return describeExpectToolCall(step.expectToolCall as NonNullable<Step["expectToolCall"]>);
    case "expectKnowledgeBase":
      return `the answer comes from ${(step.expectKnowledgeBase?.documents ?? []).map((d) => `"${d}"`).join(", ")}`;
    case "interrupt":
      return `interrupt with "${step.interrupt}": the agent's audio stops`;
    case "expectEnd": {
      const withinMs = step.expectEnd === true ? undefined : step.expectEnd?.withinMs;
      return `the agent ends the call (close 1000)${withinMs ? ` within ${withinMs} ms` : ""}`;
    }
  }
}
