import * as pulumi from "@pulumi/pulumi";
import type { ConversationSmokeTestInputs } from "../provider/models/conversation-smoke-test";
import type { AudioStats, StepResult } from "../provider/smoke/types";
import { type ArgsOf, resourceArgs } from "./resource";

export type ConversationSmokeTestArgs = ArgsOf<ConversationSmokeTestInputs>;

/**
 * A scripted voice call to a deployed agent, run by `pulumi up`: it speaks (`say`, synthesized
 * on this machine), listens, and checks what the agent says, hears, calls and retrieves. With
 * `mode: "enforce"` (the default) a failing agent fails the deployment with a readable report;
 * with `mode: "warn"` the report is an engine warning on this resource.
 *
 * It runs on create and again when any input changes: pass the Agent's outputs in `triggers`
 * (or `agentConfigHash: pulumi.all([...]).apply(hash)`) so a new agent configuration is tested;
 * `runOnEveryUp: true` runs it on every `up`. Destroying it does nothing (the conversations stay
 * in the agent's history).
 * @example new ConversationSmokeTest("smoke", { agentId: agent.agentId, triggers: [agent.conversationConfig], steps: [{ say: "What time does the store open?" }, { expectAgent: { contains: "nine" } }] })
 */
export class ConversationSmokeTest extends pulumi.dynamic.Resource {
  declare readonly agentId: pulumi.Output<string>;
  declare readonly steps: pulumi.Output<ConversationSmokeTestInputs["steps"]>;
  declare readonly auth: pulumi.Output<ConversationSmokeTestInputs["auth"]>;
  declare readonly overrides: pulumi.Output<ConversationSmokeTestInputs["overrides"]>;
  declare readonly dynamicVariables: pulumi.Output<ConversationSmokeTestInputs["dynamicVariables"]>;
  declare readonly limits: pulumi.Output<ConversationSmokeTestInputs["limits"]>;
  declare readonly speed: pulumi.Output<ConversationSmokeTestInputs["speed"]>;
  declare readonly repeat: pulumi.Output<number | undefined>;
  declare readonly passThreshold: pulumi.Output<number | undefined>;
  declare readonly agentConfigHash: pulumi.Output<string | undefined>;
  declare readonly triggers: pulumi.Output<ConversationSmokeTestInputs["triggers"]>;
  declare readonly runOnEveryUp: pulumi.Output<boolean | undefined>;
  declare readonly mode: pulumi.Output<"enforce" | "warn" | undefined>;
  declare readonly junitPath: pulumi.Output<string | undefined>;
  declare readonly jsonReportPath: pulumi.Output<string | undefined>;
  /** Whether the test passed (in `warn` mode a failed test still deploys, with `passed: false`). */
  declare readonly passed: pulumi.Output<boolean>;
  /** One per run (`repeat`); they stay in the agent's conversation history. */
  declare readonly conversationIds: pulumi.Output<string[]>;
  /** Every step of every run: expected, got, latency, and for a failure its layer and reason. */
  declare readonly stepResults: pulumi.Output<Array<StepResult & { run: number }>>;
  /** ms: the greeting (from connecting), response p50/p95 (from the end of the user's turn to the first agent audio). */
  declare readonly latency: pulumi.Output<{ greetingMs?: number; p50?: number; p95?: number }>;
  declare readonly audio: pulumi.Output<AudioStats | Record<string, never>>;
  /** The human report, as printed when the test fails. */
  declare readonly report: pulumi.Output<string>;
  declare readonly runs: pulumi.Output<number>;
  declare readonly passedRuns: pulumi.Output<number>;

  constructor(name: string, args: ConversationSmokeTestArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("ConversationSmokeTest", name, args, opts));
    // The provider process has no engine log to warn on; the program does, once the outputs are known.
    pulumi.all([this.passed, this.report]).apply(([passed, report]) => {
      if (passed === false) pulumi.log.warn(report, this);
    });
  }
}
