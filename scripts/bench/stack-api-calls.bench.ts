import { afterAll, beforeAll, it } from "vitest";
import { pointStackAt } from "../../test/e2e/harness/emulator";
import { PulumiProject } from "../../test/e2e/harness/pulumi-project";
import { TestEmulator } from "../../test/support/test-emulator";

/**
 * API calls per resource for up / preview / refresh / destroy, read from the emulator's stats,
 * with the API's default rate limit (100/min) ON, so 429s (if any) show up too.
 */
const AGENTS = Number(process.env.BENCH_AGENTS ?? 5);
const program = `
const el = require("pulumi-elevenlabs");
for (let i = 0; i < ${AGENTS}; i++) {
  const agent = new el.Agent("agent-" + i, { name: "Agent " + i, conversationConfig: { agent: { firstMessage: "Hi " + i, prompt: { prompt: "Be brief." } } } });
  new el.Tool("tool-" + i, { type: "client", name: "tool_" + i, clientTool: { eventName: "e" + i, parameters: [] } });
  new el.KnowledgeBaseDocument("doc-" + i, { agentId: agent.agentId, name: "Doc " + i, text: "Fact number " + i + "." });
  new el.PhoneNumber("phone-" + i, { agentId: agent.agentId, country: "US", areaCode: "415" });
  new el.WorkspaceSecret("secret-" + i, { name: "SECRET_" + i, value: "v" + i });
}
`;
const RESOURCES = AGENTS * 5;

let emu: TestEmulator;
let project: PulumiProject;
const rows: string[][] = [];

beforeAll(async () => {
  emu = await TestEmulator.start({ rateLimit: 100 });
  project = await PulumiProject.create("bench-stack", program);
  await pointStackAt(project, emu);
});
afterAll(async () => {
  console.log(
    `\nAPI calls for a stack of ${RESOURCES} resources (${AGENTS} each of Agent, Tool, KnowledgeBaseDocument, PhoneNumber, WorkspaceSecret), emulator rate limit 100/min\n`,
  );
  console.log(["operation", "wall s", "API calls", "per resource", "429s", "calls by route"].join(" | "));
  for (const r of rows) console.log(r.join(" | "));
  await emu?.close();
});

async function measure(name: string, op: () => Promise<unknown>) {
  await emu.resetStats();
  const t0 = performance.now();
  await op();
  const seconds = (performance.now() - t0) / 1000;
  const stats = await emu.stats();
  const limited = stats.byStatus["429"] ?? 0;
  const routes = Object.entries(stats.byRoute)
    .map(([route, n]) => `${route}=${n}`)
    .join(", ");
  rows.push([
    name,
    seconds.toFixed(1),
    String(stats.total),
    (stats.total / RESOURCES).toFixed(2),
    String(limited),
    routes,
  ]);
}

it("measures API calls per operation", async () => {
  await measure("up (create)", () => project.up());
  await measure("preview (no-op)", () => project.preview());
  await measure("refresh", () => project.refresh());
  await measure("preview --refresh", () => project.preview(["--refresh"]));
  await measure("destroy", () => project.destroy());
});
