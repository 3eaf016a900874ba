import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../../provider/profiles/types";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const AGENTS = 3;
const TOOLS = 5;

/**
 * Per profile: the program and the create routes whose answers are lost. Live objects keep no
 * creation token: text documents are found by name and content, uploads by name and the hash of
 * their original, phone numbers by their number, free before the create (README "Crash recovery and adoption without `metadata`").
 */
const CASES: Record<ProfileName, { program: string; routes: string[]; lost: number }> = {
  seed: {
    program: `
const el = require("pulumi-elevenlabs");
for (let i = 0; i < ${TOOLS}; i++) {
  new el.Tool("tool-" + i, { type: "client", name: "tool_" + i, clientTool: { eventName: "e" + i, parameters: [] } });
}
for (let i = 0; i < ${AGENTS}; i++) {
  const agent = new el.Agent("agent-" + i, { name: "Agent " + i });
  new el.KnowledgeBaseDocument("doc-" + i, { agentId: agent.agentId, name: "Doc " + i, text: "Fact " + i + "." });
}
`,
    routes: [
      "POST /v1/convai/tools",
      "POST /v1/convai/agents",
      "POST /v1/convai/agents/{agent_id}/knowledge-base/text",
    ],
    lost: TOOLS + 2 * AGENTS,
  },
  live: {
    program: `
const el = require("pulumi-elevenlabs");
for (let i = 0; i < ${TOOLS}; i++) {
  new el.Tool("tool-" + i, { toolConfig: { type: "client", name: "tool_" + i, description: "Event " + i } });
}
require("node:fs").writeFileSync("hours.txt", "Open 9 to 5.");
new el.KnowledgeBaseDocument("upload", { name: "Hours", filePath: "hours.txt" });
for (let i = 0; i < ${AGENTS}; i++) {
  const agent = new el.Agent("agent-" + i, { name: "Agent " + i, conversationConfig: { agent: { firstMessage: "Hi " + i } } });
  new el.KnowledgeBaseDocument("doc-" + i, { name: "Doc " + i, text: "Fact " + i + "." });
  new el.PhoneNumber("number-" + i, {
    provider: "twilio", phoneNumber: "+1415555010" + i, label: "Line " + i,
    sid: "AC0123456789abcdef0123456789abcdef", token: "twilio-token-" + i, agentId: agent.agentId,
  });
}
`,
    routes: [
      "POST /v1/convai/tools",
      "POST /v1/convai/agents/create",
      "POST /v1/convai/knowledge-base/text",
      "POST /v1/convai/knowledge-base/file",
      "POST /v1/convai/phone-numbers",
    ],
    lost: TOOLS + 3 * AGENTS + 1,
  },
};

describe.each(["seed", "live"] as const)(
  "an up where the answer to every create is lost (%s API profile)",
  (profile) => {
    let emu: TestEmulator;
    let project: PulumiProject;
    const { program, routes, lost } = CASES[profile];

    beforeAll(async () => {
      ({ emu, project } = await startStack(`lost-answers-${profile}`, program, { profile }));
    });
    afterAll(async () => {
      await emu?.close();
    });

    it("creates each object exactly once and records the ones the API made", async () => {
      // Every create is applied, then its answer is lost: a blind retry would make each twice.
      await emu.setFaults({ lostResponseRate: 1, lostResponseAs: 504, routes });
      await project.up();
      await emu.clearFaults();

      const { deployment } = await project.stackExport();
      const ids = (type: string) => (deployment.resources ?? []).filter((r) => r.type.endsWith(type)).map((r) => r.id);
      const tools = await emu.listAll("/tools", "tools");
      const agents = await emu.listAll("/agents", "agents");
      expect(tools).toHaveLength(TOOLS);
      expect(agents).toHaveLength(AGENTS);
      if (profile === "seed") {
        for (const agent of agents) {
          expect(await emu.listAll(`/agents/${agent.agent_id}/knowledge-base`, "documents")).toHaveLength(1);
        }
      } else {
        const documents = await emu.listAll("/knowledge-base", "documents");
        const numbers = (await emu.api("GET", "/phone-numbers")).body as {
          phone_number: string;
          phone_number_id: string;
        }[];
        expect(documents.map((d) => d.name).sort()).toEqual(["Doc 0", "Doc 1", "Doc 2", "Hours"]);
        expect(numbers.map((n) => n.phone_number).sort()).toEqual(["+14155550100", "+14155550101", "+14155550102"]);
        expect(new Set(ids("elevenlabs:KnowledgeBaseDocument"))).toEqual(new Set(documents.map((d) => d.id)));
        expect(new Set(ids("elevenlabs:PhoneNumber"))).toEqual(new Set(numbers.map((n) => n.phone_number_id)));
      }
      const stats = await emu.stats();
      expect(stats.byStatus["504"]).toBe(lost);

      expect(new Set(ids("elevenlabs:Tool"))).toEqual(new Set(tools.map((t) => t.tool_id ?? t.id)));
      expect(new Set(ids("elevenlabs:Agent"))).toEqual(new Set(agents.map((a) => a.agent_id)));
      expect(changedSteps(await project.preview())).toEqual([]);
    });
  },
);
