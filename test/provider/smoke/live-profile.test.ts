/**
 * The smoke test in the live API profile, against the emulator's `--profile live`: a private
 * agent reached through the live signed-URL route, the live message forms (`user_message`,
 * `client_tool_call` / `client_tool_result`, pings with `event_id`), and knowledge-base grounding
 * read from the live conversation record. The runner is profile-free: only the client's profile
 * differs from the seed tests in runner.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport, parseScript, runSmokeTest } from "../../../provider/smoke/index";
import { clientTool, LIVE } from "../../emulator/live/helpers";
import { TestEmulator } from "../../support/test-emulator";
import { waitFor } from "../../support/wait-for";

let t: TestEmulator;
let agentId: string;
let documentId: string;

beforeAll(async () => {
  t = await TestEmulator.start({ ...LIVE, conversationStepMs: 20 });
  const tool = (await t.api("POST", "/tools", clientTool("open_cart"))).body;
  documentId = (
    await t.api("POST", "/knowledge-base/text", { text: "Parking is free behind the building.", name: "Parking" })
  ).body.id;
  await waitFor(async () => (await t.api("GET", `/knowledge-base/${documentId}/chunk/chunk_0`)).status === 200);
  agentId = (
    await t.api("POST", "/agents/create", {
      name: "Acme",
      conversation_config: {
        agent: {
          first_message: "Hello, this is the Acme store.",
          prompt: {
            prompt: "You answer questions about the Acme store.",
            tool_ids: [tool.id],
            knowledge_base: [{ type: "text", name: "Parking", id: documentId, usage_mode: "auto" }],
          },
        },
      },
      platform_settings: { auth: { enable_auth: true } },
    })
  ).body.agent_id;
});
afterAll(() => t?.close());

describe("a smoke test in the live profile", () => {
  it("reaches a private agent by the live signed URL, and checks a grounded answer and a client-tool round trip", async () => {
    const parsed = parseScript({
      agentId,
      auth: "signed",
      speed: "max",
      steps: [
        { text: "Is parking free?" },
        { expectAgent: { contains: "Parking" } },
        { expectKnowledgeBase: { documents: ["Parking"] } },
        { text: "Please open the cart on page checkout" },
        { expectToolCall: { name: "open_cart", parameters: { page: { exact: "checkout" } }, result: "two lamps" } },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = await runSmokeTest(parsed.script, { baseUrl: t.baseUrl, apiKey: t.apiKey, profile: "live" });
    const report = formatReport(result);
    expect(result.passed, report).toBe(true);
    const stats = await t.stats();
    expect(stats.byRoute["GET /v1/convai/conversation/get-signed-url"]).toBe(1);
    expect(report).not.toContain(t.apiKey);
  });

  it("a wrong expectation fails with the agent layer and the transcript, in the live profile too", async () => {
    const parsed = parseScript({
      agentId,
      auth: "signed",
      speed: "max",
      limits: { stepTimeoutMs: 3000 },
      steps: [{ text: "Is parking free?" }, { expectAgent: { contains: "valet" } }],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = await runSmokeTest(parsed.script, { baseUrl: t.baseUrl, apiKey: t.apiKey, profile: "live" });
    expect(result.passed).toBe(false);
    expect(formatReport(result)).toMatch(/agent/);
    expect(formatReport(result)).toContain("Is parking free?");
  });
});
