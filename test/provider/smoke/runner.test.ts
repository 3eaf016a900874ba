import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Script } from "../../../provider/models/conversation-smoke-test";
import { formatReport, parseScript, runSmokeTest } from "../../../provider/smoke/index";
import { startShop } from "../../support/shop-agent";
import type { TestEmulator } from "../../support/test-emulator";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  ({ t, agentId } = await startShop());
});
afterAll(() => t?.close());

const script = (s: Omit<Script, "agentId">): Script => {
  const parsed = parseScript({ agentId, ...s });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.script;
};
const run = (s: Script) => runSmokeTest(s, { baseUrl: t.baseUrl, apiKey: t.apiKey, progress: (l) => console.log(l) });

describe("a spoken question answered from the knowledge base", () => {
  it("passes", async () => {
    const result = await run(
      script({
        speed: "max",
        steps: [
          { say: "What time does the store open?" },
          { expectTranscript: { text: "what time does the store open" } },
          { expectAgent: { contains: "nine" } },
          { expectKnowledgeBase: { documents: ["Shop facts"] } },
          { text: "goodbye" },
          { expectEnd: true },
        ],
      }),
    );
    console.log(formatReport(result));
    expect(result.passed).toBe(true);
  });
});
