import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationClient, type RecordedEvent } from "../../../provider/index";
import { SHOP, startShop } from "../../support/shop-agent";
import type { TestEmulator } from "../../support/test-emulator";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  ({ t, agentId } = await startShop());
});
afterAll(() => t.close());

const agentSays = (e: RecordedEvent) => e.type === "agent_response";
const textOf = (e: RecordedEvent) => (e.message as any).agent_response_event.agent_response as string;

describe("ConversationClient with a public agent", () => {
  it("connects with the host-only base URL, hears the greeting and answers a text turn", async () => {
    const client = await ConversationClient.connect({ baseUrl: t.url, agentId, timeoutMs: 10_000 });
    expect(client.conversationId).toMatch(/^conv_/);
    expect(client.userInputFormat).toBe("pcm_16000");
    expect(client.agentOutputFormat).toBe("pcm_16000");
    const greeting = await client.waitFor(agentSays, { timeoutMs: 10_000, description: "the greeting" });
    expect(textOf(greeting)).toBe(SHOP.firstMessage);

    const { sentAt } = await client.sendText("Is parking free?");
    const answer = await client.waitFor(agentSays, { timeoutMs: 10_000, since: sentAt, description: "the answer" });
    expect(textOf(answer)).toBe("Parking is free behind the building.");
    expect(client.events.find((e) => e.direction === "out" && e.type === "user_message")).toBeDefined();
    expect(await client.close()).toEqual({ code: 1000, reason: "client closed" });
    expect((await client.closed).byServer).toBe(false);
  });
});
