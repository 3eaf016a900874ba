/**
 * The ConversationSmokeTest through the real Pulumi engine against the emulator: an agent with a
 * server tool, a client tool and a knowledge-base document, deployed with a smoke test that speaks
 * a question and checks the knowledge-base answer, the server tool call and the client tool round
 * trip. A wrong expectation fails `pulumi up` with the report, and the next `up` tests again; a new
 * first message re-runs it; `mode: "warn"` deploys with the report as a warning. The same test in
 * both API profiles: the live program writes the live shapes, and the call speaks the live messages.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../../provider/profiles/types";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

/**
 * What the program writes differently per API profile: the two tools, and where the document
 * lives (the contract's belongs to the agent; the live one to the workspace, listed by the agent
 * in `prompt.knowledgeBase`). Source fragments of the program below.
 */
interface SmokeFixture {
  profile: ProfileName;
  /** Declares `order` (a server tool calling the backend) and `cart` (a client tool). */
  tools: string;
  /** Declares `facts` before the agent (workspace-wide), or "" when it needs the agent. */
  documentBeforeAgent: string;
  /** Prompt fields that attach `facts` to the agent, or "". */
  promptKnowledgeBase: string;
  /** Declares `facts` after the agent (owned by it), or "". */
  documentAfterAgent: string;
}

const FACTS = {
  name: "Shop facts",
  text: "Returns are accepted within thirty days with a receipt.\n\nParking is free behind the building.",
};

const SMOKE_FIXTURES: SmokeFixture[] = [
  {
    profile: "seed",
    tools: `
const order = new el.Tool("order", {
  type: "server",
  name: "get_order_status",
  description: "Looks up where an order is",
  serverTool: {
    url: cfg.require("backend") + "/orders/{order_id}",
    parameters: [{ name: "order_id", type: "string", location: "path", required: true }],
  },
});
const cart = new el.Tool("cart", {
  type: "client",
  name: "open_cart",
  description: "Shows the shopping cart on screen",
  clientTool: { expectsResponse: true },
});`,
    documentBeforeAgent: "",
    promptKnowledgeBase: "",
    documentAfterAgent: `const facts = new el.KnowledgeBaseDocument("facts", { agentId: agent.agentId, ...${JSON.stringify(FACTS)} });`,
  },
  {
    profile: "live",
    // POST /v1/convai/tools: a webhook tool with its api_schema, and a client tool.
    tools: `
const order = new el.Tool("order", {
  toolConfig: {
    type: "webhook",
    name: "get_order_status",
    description: "Looks up where an order is",
    apiSchema: {
      url: cfg.require("backend") + "/orders/{order_id}",
      method: "GET",
      pathParamsSchema: { order_id: { type: "string", description: "The order number" } },
    },
  },
});
const cart = new el.Tool("cart", {
  toolConfig: {
    type: "client",
    name: "open_cart",
    description: "Shows the shopping cart on screen",
    expectsResponse: true,
  },
});`,
    documentBeforeAgent: `const facts = new el.KnowledgeBaseDocument("facts", ${JSON.stringify(FACTS)});`,
    promptKnowledgeBase: `knowledgeBase: [{ type: "text", name: "${FACTS.name}", id: facts.documentId, usageMode: "auto" }],`,
    documentAfterAgent: "",
  },
];

/** An agent with a server tool, a client tool and a document, and a smoke test of it. */
const program = (fx: SmokeFixture) => `
const pulumi = require("@pulumi/pulumi");
const el = require("pulumi-elevenlabs");
const cfg = new pulumi.Config();
${fx.tools}
${fx.documentBeforeAgent}
const agent = new el.Agent("shop", {
  name: "Acme shop",
  conversationConfig: {
    agent: {
      firstMessage: cfg.require("firstMessage"),
      prompt: {
        prompt: "You answer questions about the Acme store.",
        toolIds: [order.toolId, cart.toolId],
        ${fx.promptKnowledgeBase}
      },
    },
  },
});
${fx.documentAfterAgent}

const smoke = new el.ConversationSmokeTest("smoke", {
  agentId: agent.agentId,
  // The agent's configuration and its document: a change to either tests the agent again.
  triggers: [agent.conversationConfig, facts.documentId],
  mode: cfg.get("mode") || "enforce",
  runOnEveryUp: cfg.getBoolean("everyUp") || false,
  speed: "max",
  limits: { stepTimeoutMs: 8000 },
  steps: [
    { say: "Are returns accepted?" },
    { expectAgent: { contains: cfg.require("expect") } },
    { expectKnowledgeBase: { documents: ["${FACTS.name}"] } },
    { text: "What is the status of order one two three?" },
    { expectToolCall: { name: "get_order_status", parameters: { order_id: { exact: 123 } } } },
    { expectAgent: { contains: "status is shipped" } },
    { text: "Please open the cart" },
    { expectToolCall: { name: "open_cart", result: { items: 2 } } },
    { expectAgent: { contains: "items is 2" } },
  ],
}, { dependsOn: [facts] });

exports.agentId = agent.agentId;
exports.passed = smoke.passed;
exports.conversationIds = smoke.conversationIds;
exports.latency = smoke.latency;
`;

const SMOKE = "ConversationSmokeTest";

describe.each(SMOKE_FIXTURES)(
  "a smoke test deployed with its agent, tools and document, through the real engine ($profile API profile)",
  (fx) => {
    let emu: TestEmulator;
    let project: PulumiProject;
    let backend: Server;

    /** Conversations the emulator holds for the stack's agent (each run of the test makes one). */
    const conversations = async () => {
      const agentId = (await emu.listAll("/agents", "agents"))[0]?.agent_id;
      return agentId ? (await emu.listAll(`/conversations?agent_id=${agentId}`, "conversations")).length : 0;
    };
    const smokeInState = async () =>
      ((await project.stackExport()).deployment.resources ?? []).some((r) => r.type.endsWith(`:${SMOKE}`));

    beforeAll(async () => {
      backend = createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "shipped" }));
      });
      await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
      ({ emu, project } = await startStack(`smoke-test-${fx.profile}`, program(fx), {
        profile: fx.profile,
        conversationStepMs: 20,
      }));
      await project.setConfig("backend", `http://127.0.0.1:${(backend.address() as AddressInfo).port}`);
      await project.setConfig("firstMessage", "Hello, this is the Acme store.");
      await project.setConfig("expect", "midnight");
    });
    afterAll(async () => {
      await emu?.close();
      backend?.closeAllConnections();
      await new Promise((r) => backend?.close(r));
    });

    it("a wrong expectation fails `pulumi up` with the report; the test is not in the state", async () => {
      const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
      const output = up.stdout + up.stderr;
      expect(up.code).not.toBe(0);
      expect(output).toContain(`speaking the "${fx.profile}" API profile`);
      expect(output).toContain("Conversation smoke test FAILED");
      expect(output).toContain("failed at step 2 (expectAgent)");
      expect(output).toContain('expected:   agent says something that contains "midnight"');
      expect(output).toContain("layer:      agent");
      expect(output).toMatch(/user: +\(heard\) are returns accepted/);
      expect(output).not.toContain(emu.apiKey);
      expect(await smokeInState()).toBe(false);
      expect(await conversations()).toBe(1);
    });

    it("the next `up` tests again (and fails again)", async () => {
      const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
      expect(up.code).not.toBe(0);
      expect(up.stdout + up.stderr).toContain("failed at step 2 (expectAgent)");
      expect(await conversations()).toBe(2);
    });

    it("with the right expectations it passes: knowledge-base answer, server tool call, client tool round trip", async () => {
      await project.setConfig("expect", "thirty days");
      const up = await project.up();
      // Progress from the provider process while the call runs.
      expect(up.stdout).toMatch(/ConversationSmokeTest \(agent agent_\w+\): connected: conversation conv_/);
      expect(up.stdout).toContain("step 9/9 passed");
      const out = await project.outputs();
      expect(out.passed).toBe(true);
      expect(out.conversationIds).toEqual([expect.stringMatching(/^conv_/)]);
      expect(out.latency).toMatchObject({ greetingMs: expect.any(Number), p50: expect.any(Number) });
      expect(await smokeInState()).toBe(true);
      expect(await conversations()).toBe(3);
      // The key reaches the test through the provider config only: never an input or output.
      expect((await project.stackExport()).raw).not.toContain(emu.apiKey);
    });

    it("nothing changed: the preview shows no change and `up` does not call the agent", async () => {
      expect(changedSteps(await project.preview())).toEqual([]);
      await project.up();
      expect(await conversations()).toBe(3);
    });

    it("a new first message re-runs the test (the preview says so)", async () => {
      await project.setConfig("firstMessage", "Hi, Acme store here.");
      const preview = changedSteps(await project.preview());
      expect(preview.map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort()).toEqual(["update shop", "update smoke"]);
      await project.up();
      expect((await project.outputs()).passed).toBe(true);
      expect(await conversations()).toBe(4);
    });

    it("runOnEveryUp: the preview shows the test will run, and every `up` runs it", async () => {
      await project.setConfig("everyUp", "true");
      await project.up();
      expect(await conversations()).toBe(5);
      const preview = changedSteps(await project.preview());
      expect(preview.map((s) => `${s.op} ${s.urn.split("::").pop()}`)).toEqual(["update smoke"]);
      await project.up();
      expect(await conversations()).toBe(6);
      await project.setConfig("everyUp", "false");
    });

    it('mode "warn": a failing test deploys, with the report as a warning and passed false', async () => {
      await project.setConfig("expect", "midnight");
      await project.setConfig("mode", "warn");
      const up = await project.up();
      expect(up.stdout).toMatch(/warning: Conversation smoke test FAILED/);
      expect(up.stdout).toContain("failed at step 2 (expectAgent)");
      expect((await project.outputs()).passed).toBe(false);
    });

    it("destroy removes the stack and leaves the conversations in the agent's history", async () => {
      const before = await emu.listAll("/conversations", "conversations");
      await project.destroy();
      expect((await emu.listAll("/conversations", "conversations")).length).toBe(before.length);
    });
  },
);
