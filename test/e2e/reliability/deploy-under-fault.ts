/**
 * The one harness of the reliability suite: deploy a stack of {@link STACK_SIZE} resources (agents
 * with tools and knowledge-base documents, plus secrets and phone numbers) through the real engine
 * while the emulator injects one fault, then prove the deploy converged: exactly the expected
 * objects in the emulator (none lost, none twice), the state pointing at exactly those, and a
 * second preview with nothing to do. Each test file names one fault and calls
 * {@link describeDeployUnderFault}; the stats must show that fault injected, so a fault that never
 * fired fails its test instead of passing vacuously.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultConfig } from "../../../emulator/faults";
import type { InjectedFault, StatsSnapshot } from "../../../emulator/stats";
import { TestEmulator } from "../../support/test-emulator";
import { pointStackAt } from "../harness/emulator";
import { type CommandResult, PulumiProject } from "../harness/pulumi-project";

const AGENTS = 5;
const TOOLS_PER_AGENT = 2;
const DOCS_PER_AGENT = 2;
const SECRETS = 2;
const PHONE_NUMBERS = 3;
export const STACK_SIZE = AGENTS * (1 + TOOLS_PER_AGENT + DOCS_PER_AGENT) + SECRETS + PHONE_NUMBERS;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const toolName = (a: number, t: number) => `tool_${a}_${t}`;
const agentName = (a: number) => `Agent ${a}`;
const docName = (a: number, d: number) => `Doc ${a}.${d}`;
const secretName = (s: number) => `SECRET_${s}`;

/** What the emulator must hold afterwards, by name: sorted, so a duplicate or a missing one shows. */
const expected = {
  tools: range(AGENTS)
    .flatMap((a) => range(TOOLS_PER_AGENT).map((t) => toolName(a, t)))
    .sort(),
  agents: range(AGENTS).map(agentName).sort(),
  docs: (a: number) => range(DOCS_PER_AGENT).map((d) => docName(a, d)),
  secrets: range(SECRETS).map(secretName).sort(),
};

const program = `
const el = require("pulumi-elevenlabs");
const agents = [];
for (let a = 0; a < ${AGENTS}; a++) {
  const tools = [];
  for (let t = 0; t < ${TOOLS_PER_AGENT}; t++) {
    const name = "tool_" + a + "_" + t;
    tools.push(t % 2 === 0
      ? new el.Tool(name, { type: "client", name, clientTool: { eventName: name, parameters: [] } })
      : new el.Tool(name, {
          type: "server", name, description: "Looks up order " + a,
          serverTool: { url: "https://api.example.com/orders/{id}", parameters: [{ name: "id", type: "string", location: "path", required: true }] },
          secretHeaders: { Authorization: "Bearer token-" + a },
        }));
  }
  const agent = new el.Agent("agent-" + a, {
    name: "Agent " + a,
    conversationConfig: { agent: { firstMessage: "Hi from " + a, prompt: { prompt: "You help with orders.", toolIds: tools.map((t) => t.toolId) } } },
  });
  agents.push(agent);
  for (let d = 0; d < ${DOCS_PER_AGENT}; d++) {
    new el.KnowledgeBaseDocument("doc-" + a + "-" + d, { agentId: agent.agentId, name: "Doc " + a + "." + d, text: "Fact " + d + " about agent " + a + "." });
  }
}
for (let s = 0; s < ${SECRETS}; s++) new el.WorkspaceSecret("secret-" + s, { name: "SECRET_" + s, value: "value-" + s });
for (let p = 0; p < ${PHONE_NUMBERS}; p++) new el.PhoneNumber("phone-" + p, { country: "US", agentId: agents[p % agents.length].agentId });
`;

/** An emulator on a fixed port and data directory, so it can be stopped and started again under a running deploy. */
export class RestartableEmulator {
  private constructor(
    public current: TestEmulator,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<RestartableEmulator> {
    const dataDir = mkdtempSync(join(tmpdir(), "reliability-emulator-"));
    return new RestartableEmulator(await TestEmulator.start({ dataDir }), dataDir);
  }

  /** Closes the emulator (dropping every connection) and starts a new process-equivalent on the same port and data. */
  async restart(downMs: number): Promise<void> {
    const port = Number(new URL(this.current.url).port);
    await this.current.close();
    await new Promise((r) => setTimeout(r, downMs));
    this.current = await TestEmulator.start({ dataDir: this.dataDir, port });
  }

  async close(): Promise<void> {
    await this.current.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface FaultCase {
  /** The fault as the test title says it. */
  fault: string;
  /** Emulator fault config in force during the deploy (seeded where it has rates). */
  faults: FaultConfig;
  /** The counter of `stats.faults` that must be above zero, or the fault never happened. */
  injected: InjectedFault | ((outcome: Outcome) => void);
  /**
   * How many `up`s the deploy may take: 1 when the provider's retries must bridge the fault,
   * more when an operation may legitimately fail once its retries are spent (a later `up` must
   * then converge without duplicating).
   */
  maxUps: number;
  /** Runs alongside the first `up` (e.g. restarts the emulator); what it answers goes into the outcome. */
  during?(emulator: RestartableEmulator): Promise<unknown>;
}

export interface Outcome {
  ups: CommandResult[];
  /** The emulator's stats after the last `up` (of the emulator running then). */
  stats: StatsSnapshot;
  /** What `during` answered. */
  during?: unknown;
}

/** Deploys the stack under `c.faults` and proves it converged. */
export function describeDeployUnderFault(c: FaultCase): void {
  describe(`a deploy of ${STACK_SIZE} resources under ${c.fault}`, () => {
    let emulator: RestartableEmulator;
    let project: PulumiProject;
    let outcome: Outcome;

    beforeAll(async () => {
      emulator = await RestartableEmulator.start();
      project = await PulumiProject.create("reliability", program);
      await pointStackAt(project, emulator.current);
      await emulator.current.setFaults(c.faults);
      const during = c.during?.(emulator);
      const ups = [await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true })];
      const duringResult = await during;
      while (ups.at(-1)?.code !== 0 && ups.length < c.maxUps) {
        ups.push(await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true }));
      }
      const stats = await emulator.current.stats();
      outcome = { ups, stats, during: duringResult };
      // One line per fault for the run's log: how hard the fault hit and what it took.
      console.info(
        `${c.fault}: ${outcome.ups.length} up(s), ${outcome.stats.total} requests, faults ${JSON.stringify(outcome.stats.faults)}, statuses ${JSON.stringify(outcome.stats.byStatus)}`,
      );
      // Faults off for the inspection (the test's own listing must see the truth).
      await emulator.current.clearFaults();
    });
    afterAll(async () => {
      await emulator?.close();
    });

    it("injects the fault (else this test proves nothing)", () => {
      if (typeof c.injected === "function") c.injected(outcome);
      else expect(outcome.stats.faults[c.injected] ?? 0).toBeGreaterThan(0);
    });

    it(`converges within ${c.maxUps === 1 ? "one up" : `${c.maxUps} ups`}`, () => {
      const last = outcome.ups.at(-1) as CommandResult;
      expect(last.code, `${last.stdout}\n${last.stderr}`).toBe(0);
      expect(outcome.ups.length).toBeLessThanOrEqual(c.maxUps);
    });

    it("leaves exactly the expected objects in the emulator, and the state points at exactly those", async () => {
      const emu = emulator.current;
      const tools = await emu.listAll("/tools", "tools");
      const agents = await emu.listAll("/agents", "agents");
      const secrets = await emu.listAll("/workspace/secrets", "secrets");
      const phones = await emu.listAll("/phone-numbers", "phone_numbers");
      expect(tools.map((t) => t.name).sort()).toEqual(expected.tools);
      expect(agents.map((a) => a.name).sort()).toEqual(expected.agents);
      expect(secrets.map((s) => s.name).sort()).toEqual(expected.secrets);
      expect(phones).toHaveLength(PHONE_NUMBERS);
      const docIds: string[] = [];
      for (const agent of agents) {
        const docs = await emu.listAll(`/agents/${agent.agent_id}/knowledge-base`, "documents");
        const a = Number(String(agent.name).split(" ")[1]);
        expect(docs.map((d) => d.name).sort()).toEqual(expected.docs(a));
        expect(docs.every((d) => d.status === "ready")).toBe(true);
        docIds.push(...docs.map((d) => d.document_id));
      }
      const { deployment } = await project.stackExport();
      const idsOf = (kind: string) =>
        (deployment.resources ?? [])
          .filter((r) => r.type.endsWith(`elevenlabs:${kind}`))
          .map((r) => r.id)
          .sort();
      expect(idsOf("Tool")).toEqual(tools.map((t) => t.tool_id).sort());
      expect(idsOf("Agent")).toEqual(agents.map((a) => a.agent_id).sort());
      expect(idsOf("KnowledgeBaseDocument")).toEqual(docIds.sort());
      expect(idsOf("WorkspaceSecret")).toEqual(secrets.map((s) => s.secret_id).sort());
      expect(idsOf("PhoneNumber")).toEqual(phones.map((p) => p.phone_number_id).sort());
      // Every agent's tools are the ones the program gave it, by the ids in the state.
      for (const agent of agents) {
        const full = (await emu.api("GET", `/agents/${agent.agent_id}`)).body;
        const a = Number(String(agent.name).split(" ")[1]);
        const toolIds = full.conversation_config.agent.prompt.tool_ids as string[];
        const names = toolIds.map((id) => tools.find((t) => t.tool_id === id)?.name);
        expect(names).toEqual(range(TOOLS_PER_AGENT).map((t) => toolName(a, t)));
      }
    });

    it("has nothing left to do: a second preview shows no change and makes no API call", async () => {
      await emulator.current.resetStats();
      const result = await project.pulumi(["preview", "--expect-no-changes"], { allowFailure: true });
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect((await emulator.current.stats()).total).toBe(0);
    });
  });
}
