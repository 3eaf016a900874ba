import { z } from "zod";
import { nonEmpty } from "./common";
import type { ModelRules } from "./spec";

/**
 * A scripted voice call to a deployed agent (README, "Smoke test"). The same shape is the
 * resource's input (camelCase) and the CLI's YAML script. Each step is an object with exactly
 * one action key; rules a JSON Schema cannot say (one key per step, one matcher per parameter)
 * are refinements with a human reason, reported at `check` under the step's path.
 */

const ms = z.number().int({ error: "expected a whole number of ms" }).positive({ error: "expected a number above 0" });

/** A regular expression given as a string; a bad one fails at check, not mid-call. */
const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, "i");
      return true;
    } catch {
      return false;
    }
  },
  { error: "is not a valid regular expression" },
);

const exactlyOne =
  <T extends Record<string, unknown>>(keys: readonly (keyof T & string)[], what: string) =>
  (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const given = keys.filter((k) => value[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: "custom",
        message:
          given.length === 0 ? `give one of ${keys.join(", ")}` : `give only one ${what}, not ${given.join(" and ")}`,
      });
  };

const parameterMatcher = z
  .strictObject({
    exact: z.unknown().optional().describe("The value, compared as JSON (numbers and their strings are equal)."),
    regex: regex.optional().describe("A regular expression the value (as text) must match, case-insensitive."),
    any: z.literal(true).optional().describe("Any value, as long as the parameter is present."),
  })
  .superRefine(exactlyOne(["exact", "regex", "any"], "matcher"));

const expectAgent = z
  .strictObject({
    contains: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe("Text (or every text of a list) the response contains, case-insensitive."),
    regex: regex.optional().describe("A regular expression the response matches, case-insensitive."),
    any: z.literal(true).optional().describe("Any response."),
    not: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe("Text the response must not contain."),
    withinMs: ms
      .optional()
      .describe("Budget from the end of the user's audio (or text) to the response's first audio."),
  })
  .superRefine((value, ctx) => {
    if (value.contains === undefined && value.regex === undefined && value.any === undefined && value.not === undefined)
      ctx.addIssue({ code: "custom", message: "give one of contains, regex, any, not" });
  });

const expectTranscript = z.strictObject({
  text: nonEmpty.describe("What the agent should have heard."),
  maxWordErrorRate: z.number().min(0).max(1).optional().describe("Highest word error rate accepted. @default 0.25"),
});

const expectToolCall = z
  .strictObject({
    name: nonEmpty.describe('The tool\'s name. @example "get_weather"'),
    parameters: z.record(z.string(), parameterMatcher).optional(),
    absent: z.literal(true).optional().describe("Prove the tool was NOT called during this turn."),
    result: z.unknown().optional().describe("Client tools: the result the test sends back."),
    error: z.string().optional().describe("Client tools: answer the call with this error instead."),
    withinMs: ms.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.result !== undefined && value.error !== undefined)
      ctx.addIssue({ code: "custom", message: "give result or error, not both" });
    if (value.absent && (value.parameters || value.result !== undefined || value.error !== undefined))
      ctx.addIssue({ code: "custom", message: "absent takes no parameters, result or error" });
  });

const STEP_KEYS = [
  "say",
  "audio",
  "text",
  "expectAgent",
  "expectTranscript",
  "expectToolCall",
  "expectKnowledgeBase",
  "interrupt",
  "expectEnd",
] as const;
export type StepKind = (typeof STEP_KEYS)[number];

export const stepModel = z
  .strictObject({
    say: nonEmpty.optional().describe("The user speaks this text (synthesized, then streamed as audio)."),
    audio: nonEmpty.optional().describe("A WAV file streamed as the user's turn (path relative to the project)."),
    text: nonEmpty.optional().describe("A typed user turn."),
    expectAgent: expectAgent.optional(),
    expectTranscript: expectTranscript.optional(),
    expectToolCall: expectToolCall.optional(),
    expectKnowledgeBase: z
      .strictObject({
        documents: z.array(nonEmpty).min(1).describe("Document ids or names the answer was retrieved from."),
      })
      .optional(),
    interrupt: nonEmpty
      .optional()
      .describe("Spoken while the agent talks; its audio must stop (an `interruption`, no more audio of that answer)."),
    expectEnd: z
      .union([z.literal(true), z.strictObject({ withinMs: ms.optional() })])
      .optional()
      .describe("The agent ends the call (close code 1000)."),
  })
  .superRefine(exactlyOne(STEP_KEYS, "action per step"));
export type Step = z.infer<typeof stepModel>;

export const limitsModel = z.strictObject({
  stepTimeoutMs: ms.optional().describe("Longest a step may wait. @default 20000"),
  totalTimeoutMs: ms.optional().describe("Longest one run of the script may take. @default 120000"),
  greetingWithinMs: ms
    .optional()
    .describe("Budget from connecting to the first agent audio; set it when the agent has a first message."),
  responseWithinMs: ms.optional().describe("Budget for every response, unless a step gives its own `withinMs`."),
});

/** The script and run settings: everything the runner needs besides the connection. */
export const scriptModel = z.strictObject({
  agentId: nonEmpty.describe("The agent to call."),
  auth: z
    .enum(["public", "signed", "auto"])
    .optional()
    .describe("Connect to the public URL, through a signed URL, or (auto) signed when the agent requires it."),
  overrides: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("`conversation_config_override` of the call (camelCase or snake_case keys)."),
  dynamicVariables: z
    .record(
      z.string(),
      // Described members keep `anyOf` in the JSON Schema (a `type` array is not a Pulumi schema type).
      z.union([z.string().describe("text"), z.number().describe("a number"), z.boolean().describe("a flag")]),
    )
    .optional()
    .describe("Values for the `{{placeholders}}` of the agent's prompt and first message."),
  steps: z.array(stepModel).min(1, { error: "give at least one step" }),
  limits: limitsModel.optional(),
  speed: z
    .union([z.number().positive({ error: "expected a number above 0" }), z.literal("max")])
    .optional()
    .describe('Audio pacing: 1 is real time (the default), 2 twice as fast, "max" as fast as the socket takes it.'),
  repeat: z
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .describe("Runs of the script, for agents that are not deterministic."),
  passThreshold: z.number().min(0).max(1).optional().describe("Share of the runs that must pass. @default 1"),
});
export type Script = z.infer<typeof scriptModel>;

export const conversationSmokeTestModel = scriptModel.extend({
  agentConfigHash: z
    .string()
    .optional()
    .describe("A hash of the agent's configuration (and its tools and documents): a change re-runs the test."),
  triggers: z
    .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
    .optional()
    .describe("Any values (an Agent's outputs, say): a change re-runs the test."),
  runOnEveryUp: z.boolean().optional().describe("Run on every `pulumi up`, even when nothing changed."),
  mode: z
    .enum(["enforce", "warn"])
    .optional()
    .describe("`enforce` (the default) fails the deployment when the test fails; `warn` reports and goes on."),
  junitPath: nonEmpty.optional().describe("Write a JUnit XML report here."),
  jsonReportPath: nonEmpty.optional().describe("Write a JSON report here."),
  creationToken: z.string().optional().describe("Set by the SDK; unused by this resource."),
});
export type ConversationSmokeTestInputs = z.infer<typeof conversationSmokeTestModel>;

export const conversationSmokeTestRules: ModelRules = {
  replaceOnChanges: [],
  secretOutputs: [],
  opaqueMaps: ["dynamicVariables", "triggers", "steps.expectToolCall.parameters", "overrides"],
  serverSet: ["passed", "conversationIds", "stepResults", "latency", "audio", "report", "runs", "passedRuns"],
};
