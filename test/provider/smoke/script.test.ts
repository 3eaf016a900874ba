import { describe, expect, it } from "vitest";
import { conversationSmokeTestHandler } from "../../../provider/handlers/conversation-smoke-test";
import { formatProblems, parseScript, parseYamlScript, wordErrorRate } from "../../../provider/smoke/index";

const reasons = (input: unknown) => {
  const parsed = parseScript(input);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.property}: ${p.reason}`);
};

describe("a script is checked before any call, each problem at its path with a human reason", () => {
  it("a parameter without a matcher, a step with two actions, an empty step, a bad regex, an unknown key", () => {
    expect(
      reasons({
        agentId: "agent_1",
        steps: [
          { say: "hi", text: "hi" },
          {},
          { expectToolCall: { name: "get_weather", parameters: { city: {} } } },
          { expectAgent: { regex: "(" } },
          { expectAgnt: { any: true } },
        ],
      }),
    ).toEqual([
      "steps[0]: give only one action per step, not say and text",
      "steps[1]: give one of say, audio, text, expectAgent, expectTranscript, expectToolCall, expectKnowledgeBase, interrupt, expectEnd",
      "steps[2].expectToolCall.parameters.city: give one of exact, regex, any",
      "steps[3].expectAgent.regex: is not a valid regular expression",
      "steps[4].expectAgnt: is not a property of the smoke-test script: did you mean expectAgent?",
      "steps[4]: give one of say, audio, text, expectAgent, expectTranscript, expectToolCall, expectKnowledgeBase, interrupt, expectEnd",
    ]);
  });

  it("an expectAgent without a matcher, a result and an error together, no steps, a speed of zero", () => {
    expect(
      reasons({
        agentId: "agent_1",
        speed: 0,
        steps: [{ expectAgent: { withinMs: 100 } }, { expectToolCall: { name: "t", result: 1, error: "x" } }],
      }),
    ).toEqual([
      "steps[0].expectAgent: give one of contains, regex, any, not",
      "steps[1].expectToolCall: give result or error, not both",
      "speed: expected a number above 0, got 0",
    ]);
    expect(reasons({ agentId: "a", steps: [] })).toEqual(["steps: give at least one step"]);
  });

  it("YAML problems carry the line and column of the node they are about", () => {
    const yaml = [
      "agentId: agent_1",
      "steps:",
      "  - say: What is the weather in Paris?",
      "  - expectToolCall:",
      "      name: get_weather",
      "      parameters:",
      "        city: { contains: Paris }",
    ].join("\n");
    const parsed = parseYamlScript(yaml);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(formatProblems(parsed.problems, "smoke.yaml")).toBe(
      [
        "smoke.yaml:7:27 steps[1].expectToolCall.parameters.city.contains: is not a property of the smoke-test script",
        "smoke.yaml:7:15 steps[1].expectToolCall.parameters.city: give one of exact, regex, any",
      ].join("\n"),
    );
  });

  it("a YAML syntax error is reported at its position; a missing agentId can come from the caller", () => {
    const broken = parseYamlScript("agentId: a\nsteps: [\n");
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0]?.at).toMatch(/^\d+:\d+$/);
    const filled = parseYamlScript("steps:\n  - text: hi\n  - expectAgent: { any: true }\n", { agentId: "agent_9" });
    expect(filled).toMatchObject({ ok: true, script: { agentId: "agent_9" } });
  });

  it("the resource's check reports the same problems, path first, before any request", async () => {
    const result = await conversationSmokeTestHandler.check!(
      {},
      { agentId: "agent_1", steps: [{ expectToolCall: { name: "w", parameters: { city: {} } } }] },
    );
    expect(result.failures).toEqual([
      { property: "", reason: "steps[0].expectToolCall.parameters.city: give one of exact, regex, any" },
    ]);
  });
});

describe("word error rate", () => {
  it("ignores case and punctuation, counts substitutions, deletions and insertions per expected word", () => {
    expect(wordErrorRate("What time does the store open?", "what time does the store open")).toBe(0);
    expect(wordErrorRate("is parking free", "is parking three")).toBeCloseTo(1 / 3);
    expect(wordErrorRate("is parking free", "parking free")).toBeCloseTo(1 / 3);
    expect(wordErrorRate("is parking free", "is the parking free today")).toBeCloseTo(2 / 3);
    expect(wordErrorRate("goodbye", "")).toBe(1);
  });
});
