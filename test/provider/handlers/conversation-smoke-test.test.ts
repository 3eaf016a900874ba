/**
 * The ConversationSmokeTest handler driven directly (as the engine would) against a real
 * emulator: what check derives, when diff says the test runs again, what create/update return or
 * throw per mode, the report files, and that delete leaves the conversations alone.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { dynamic } from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { conversationSmokeTestHandler as h } from "../../../provider/handlers/conversation-smoke-test";
import { SmokeTestFailedError } from "../../../provider/smoke/index";
import { createShopAgent } from "../../support/shop-agent";
import { checked, hasUndefined, useEmulator } from "./harness";

const handler = h as Required<dynamic.ResourceProvider>;
const ctx = useEmulator();
let agentId: string;
const dir = mkdtempSync(join(tmpdir(), "smoke-handler-"));
const fixture = resolve(__dirname, "../../fixtures/speech/returns.wav");

beforeAll(async () => {
  agentId = await createShopAgent(ctx.emulator, { conversation_config: { agent: { first_message: "" } } });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const passing = () => ({
  agentId,
  steps: [{ text: "Are returns accepted?" }, { expectAgent: { contains: "thirty days" } }],
});

describe("check: what decides whether the test runs again", () => {
  it("hashes every audio file into the inputs; an unreadable one fails at its step", async () => {
    const wav = join(dir, "turn.wav");
    copyFileSync(fixture, wav);
    const inputs = await checked(h, { agentId, steps: [{ audio: wav }, { expectAgent: { any: true } }] });
    expect(inputs.audioHashes).toEqual({ [wav]: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const missing = await handler.check({}, { agentId, steps: [{ text: "hi" }, { audio: join(dir, "nope.wav") }] });
    expect(missing.failures).toEqual([
      { property: "", reason: `steps[1].audio: cannot read ${JSON.stringify(join(dir, "nope.wav"))}: ENOENT` },
    ]);
  });

  it("no change: no run; a new trigger, agent config hash, script or audio bytes: a run", async () => {
    const wav = join(dir, "changing.wav");
    copyFileSync(fixture, wav);
    const base = { ...passing(), triggers: [{ firstMessage: "Hi" }], agentConfigHash: "abc" };
    const olds = await checked(h, { ...base, steps: [...base.steps, { audio: wav }] });
    const same = await checked(h, { ...base, steps: [...base.steps, { audio: wav }] });
    expect(await handler.diff("id", olds, same)).toEqual({ changes: false, replaces: [] });
    const changed = async (news: Record<string, unknown>) =>
      (await handler.diff("id", olds, await checked(h, news))).changes;
    expect(
      await changed({ ...base, steps: [...base.steps, { audio: wav }], triggers: [{ firstMessage: "Hello" }] }),
    ).toBe(true);
    expect(await changed({ ...base, steps: [...base.steps, { audio: wav }], agentConfigHash: "abd" })).toBe(true);
    expect(await changed({ ...base, steps: [{ text: "hi" }, ...base.steps.slice(1), { audio: wav }] })).toBe(true);
    writeFileSync(wav, Buffer.concat([readFileSync(fixture), Buffer.alloc(2)]));
    expect(await changed({ ...base, steps: [...base.steps, { audio: wav }] })).toBe(true);
  });

  it("runOnEveryUp: every check gives a new nonce, so every preview and up shows a run", async () => {
    const a = await checked(h, { ...passing(), runOnEveryUp: true });
    const b = await checked(h, { ...passing(), runOnEveryUp: true });
    expect(a.runNonce).not.toBe(b.runNonce);
    expect((await handler.diff("id", a, b)).changes).toBe(true);
  });
});

describe("create and update run the test", () => {
  it("a passing test: the verdict, conversation, steps, latency and report as outputs; progress on stdout; no key anywhere", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const junitPath = join(dir, "out", "junit.xml");
    const jsonReportPath = join(dir, "out", "report.json");
    const inputs = await checked(h, { ...passing(), junitPath, jsonReportPath });
    const { id, outs } = await handler.create(inputs);
    expect(id).toMatch(/^smoke_/);
    expect(outs).toMatchObject({
      passed: true,
      agentId,
      runs: 1,
      passedRuns: 1,
      conversationIds: [expect.stringMatching(/^conv_/)],
      latency: { p50: expect.any(Number) },
    });
    expect(outs.stepResults.map((s: { kind: string; status: string }) => `${s.kind}:${s.status}`)).toEqual([
      "text:passed",
      "expectAgent:passed",
      "agentAudio:passed",
    ]);
    expect(outs.report).toContain("Conversation smoke test PASSED");
    expect(hasUndefined(outs)).toBe(false);
    expect(JSON.stringify(outs)).not.toContain(ctx.emulator.apiKey);
    expect(lines.some((l) => /^ConversationSmokeTest \(agent agent_\w+\): connected: conversation conv_/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes("step 2/2 passed"))).toBe(true);
    expect(readFileSync(junitPath, "utf8")).toContain("<testsuites");
    expect(JSON.parse(readFileSync(jsonReportPath, "utf8"))).toMatchObject({ passed: true, agentId });

    // update = a new run: a new conversation.
    vi.spyOn(console, "log").mockImplementation(() => {});
    const again = await handler.update(id, outs, await checked(h, { ...passing(), triggers: ["v2"] }));
    expect(again.outs.conversationIds[0]).not.toBe(outs.conversationIds[0]);
  });

  it("enforce: a failing test throws the report, still writing the JUnit file; warn: it returns passed false", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const junitPath = join(dir, "failing.xml");
    const failing = {
      agentId,
      junitPath,
      steps: [{ text: "Are returns accepted?" }, { expectAgent: { contains: "midnight" } }],
      limits: { stepTimeoutMs: 3000 },
    };
    const error = await handler.create(await checked(h, failing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmokeTestFailedError);
    expect((error as Error).message).toMatch(/FAILED[\s\S]*expected: +agent says something that contains "midnight"/);
    expect((error as Error).message).not.toContain(ctx.emulator.apiKey);
    expect(readFileSync(junitPath, "utf8")).toContain('<failure message="agent: no response that contains');

    const { outs } = await handler.create(await checked(h, { ...failing, mode: "warn" }));
    expect(outs).toMatchObject({ passed: false, mode: "warn" });
    expect(outs.report).toContain("layer:      agent");
  });

  it("delete does nothing: the conversation stays in the agent's history", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const { id, outs } = await handler.create(await checked(h, passing()));
    await ctx.emulator.resetStats();
    await handler.delete(id, outs);
    expect((await ctx.emulator.stats()).total).toBe(0);
    expect((await ctx.emulator.api("GET", `/conversations/${outs.conversationIds[0]}`)).status).toBe(200);
    expect(existsSync(dir)).toBe(true);
  });
});
