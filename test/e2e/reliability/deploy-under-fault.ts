/**
 * The one harness of the reliability suite: deploy a stack of {@link STACK_SIZE} resources (agents
 * with tools and knowledge-base documents, plus secrets and phone numbers) through the real engine
 * while the emulator injects one fault, then prove the deploy converged: exactly the expected
 * objects in the emulator (none lost, none twice), the state pointing at exactly those, and a
 * second preview with nothing to do. Each test file names one fault and calls
 * {@link describeDeployUnderFault}; the stats must show that fault injected, so a fault that never
 * fired fails its test instead of passing vacuously. The stack is deployed once per API profile
 * the file names (`profiles`, seed only by default), each profile's program and read-back coming
 * from fault-stack.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultConfig } from "../../../emulator/faults";
import type { InjectedFault, StatsSnapshot } from "../../../emulator/stats";
import type { ProfileName } from "../../../provider/profiles/types";
import { TestEmulator } from "../../support/test-emulator";
import { pointStackAt } from "../harness/emulator";
import { type CommandResult, PulumiProject } from "../harness/pulumi-project";
import { agentNumber, expected, FAULT_STACKS, STACK_SIZE } from "./fault-stack";

/** An emulator on a fixed port and data directory, so it can be stopped and started again under a running deploy. */
export class RestartableEmulator {
  private constructor(
    public current: TestEmulator,
    private readonly dataDir: string,
  ) {}

  static async start(profile: ProfileName): Promise<RestartableEmulator> {
    const dataDir = mkdtempSync(join(tmpdir(), "reliability-emulator-"));
    return new RestartableEmulator(await TestEmulator.start({ dataDir, profile }), dataDir);
  }

  /** Closes the emulator (dropping every connection) and starts a new process-equivalent on the same port and data. */
  async restart(downMs: number): Promise<void> {
    const port = Number(new URL(this.current.url).port);
    await this.current.close();
    await new Promise((r) => setTimeout(r, downMs));
    this.current = await TestEmulator.start({ dataDir: this.dataDir, port, profile: this.current.profile });
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
  /**
   * The API profiles to deploy in, one describe each. @default ["seed"] (each profile is a
   * minute of engine time: the suites that test the client's reading of the live API's errors
   * opt in).
   */
  profiles?: ProfileName[];
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

/** Deploys the stack under `c.faults`, in each of `c.profiles`, and proves it converged. */
export function describeDeployUnderFault(c: FaultCase): void {
  describe.each<ProfileName>(c.profiles ?? ["seed"])(
    `a deploy of ${STACK_SIZE} resources under ${c.fault}, in the %s API profile`,
    (profile) => {
      const stack = FAULT_STACKS[profile];
      let emulator: RestartableEmulator;
      let project: PulumiProject;
      let outcome: Outcome;

      beforeAll(async () => {
        emulator = await RestartableEmulator.start(profile);
        project = await PulumiProject.create(`reliability-${profile}`, stack.program);
        await pointStackAt(project, emulator.current);
        await emulator.current.setFaults(c.faults);
        const started = Date.now();
        const during = c.during?.(emulator);
        const ups = [await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true })];
        const duringResult = await during;
        while (ups.at(-1)?.code !== 0 && ups.length < c.maxUps) {
          ups.push(await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true }));
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const stats = await emulator.current.stats();
        outcome = { ups, stats, during: duringResult };
        // One line per fault for the run's log: how hard the fault hit and what it took.
        console.info(
          `${c.fault} (${profile}): ${outcome.ups.length} up(s) in ${seconds} s, ${outcome.stats.total} requests, faults ${JSON.stringify(outcome.stats.faults)}, statuses ${JSON.stringify(outcome.stats.byStatus)}`,
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
        const held = await stack.holding(emulator.current);
        const names = (xs: { name: string }[]) => xs.map((x) => x.name).sort();
        const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
        expect(names(held.tools)).toEqual(expected.tools);
        expect(names(held.agents)).toEqual(expected.agents);
        expect(names(held.secrets)).toEqual(expected.secrets);
        expect(held.phoneNumbers).toHaveLength(expected.phoneNumbers);
        expect(held.documents.filter((d) => d.ready === false).map((d) => d.name)).toEqual([]);
        // Every agent's tools and documents are the ones the program gave it, by the ids in the state.
        const nameOf = (among: { id: string; name: string }[]) => (id: string) => among.find((x) => x.id === id)?.name;
        for (const agent of held.agents) {
          const a = agentNumber(agent.name);
          expect(agent.toolIds.map(nameOf(held.tools))).toEqual(expected.toolsOf(a));
          expect(agent.documentIds.map(nameOf(held.documents)).sort()).toEqual(expected.docsOf(a));
        }
        expect(held.documents).toHaveLength(held.agents.flatMap((a) => a.documentIds).length);
        const { deployment } = await project.stackExport();
        const idsOf = (kind: string) =>
          (deployment.resources ?? [])
            .filter((r) => r.type.endsWith(`elevenlabs:${kind}`))
            .map((r) => r.id)
            .sort();
        expect(idsOf("Tool")).toEqual(ids(held.tools));
        expect(idsOf("Agent")).toEqual(ids(held.agents));
        expect(idsOf("KnowledgeBaseDocument")).toEqual(ids(held.documents));
        expect(idsOf("WorkspaceSecret")).toEqual(ids(held.secrets));
        expect(idsOf("PhoneNumber")).toEqual(ids(held.phoneNumbers));
      });

      it("has nothing left to do: a second preview shows no change and makes no API call", async () => {
        await emulator.current.resetStats();
        const result = await project.pulumi(["preview", "--expect-no-changes"], { allowFailure: true });
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
        expect((await emulator.current.stats()).total).toBe(0);
      });
    },
  );
}
