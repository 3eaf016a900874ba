import { ConversationClient, type ConversationClientOptions } from "../../provider/index";
import { EventCursor } from "./event-cursor";
import { TestEmulator } from "./test-emulator";
import { waitFor } from "./wait-for";

/** The shop the conversation tests talk to: its knowledge base and how it says hello. */
export const SHOP = {
  firstMessage: "Hello, this is the Acme store. How can I help?",
  knowledge:
    "The store opens at nine in the morning and closes at six in the evening.\n\n" +
    "Returns are accepted within thirty days with a receipt.\n\n" +
    "Parking is free behind the building.",
};

/** Creates an agent (merged over a shop agent with `end_call`) and waits until its knowledge base is ready. */
export async function createShopAgent(t: TestEmulator, body: Record<string, any> = {}): Promise<string> {
  const res = await t.api("POST", "/agents", {
    name: "Acme shop",
    ...body,
    conversation_config: {
      ...body.conversation_config,
      agent: {
        first_message: SHOP.firstMessage,
        ...body.conversation_config?.agent,
        prompt: {
          prompt: "You answer questions about the Acme store.",
          built_in_tools: ["end_call"],
          ...body.conversation_config?.agent?.prompt,
        },
      },
    },
  });
  if (res.status !== 200) throw new Error(`agent create: ${res.status} ${JSON.stringify(res.body)}`);
  const agentId = res.body.agent_id as string;
  const doc = await t.api("POST", `/agents/${agentId}/knowledge-base/text`, {
    name: "Shop facts",
    text: SHOP.knowledge,
  });
  await waitFor(
    async () =>
      (await t.api("GET", `/agents/${agentId}/knowledge-base/${doc.body.document_id}`)).body.status === "ready",
  );
  return agentId;
}

/** An emulator (records finish quickly) with one shop agent, for a test file's `beforeAll`. */
export async function startShop(body: Record<string, any> = {}): Promise<{ t: TestEmulator; agentId: string }> {
  const t = await TestEmulator.start({ conversationStepMs: 20 });
  return { t, agentId: await createShopAgent(t, body) };
}

/** A conversation with `agentId` through the provider's client, read in order with an EventCursor. */
export const connect = async (
  t: TestEmulator,
  agentId: string,
  options: Partial<ConversationClientOptions> = {},
): Promise<EventCursor> =>
  new EventCursor(await ConversationClient.connect({ baseUrl: t.baseUrl, agentId, timeoutMs: 10_000, ...options }));

/** The conversation's REST record once it has left `processing`. */
export const finishedRecord = (t: TestEmulator, conversationId: string) =>
  waitFor(async () => {
    const res = await t.api("GET", `/conversations/${conversationId}`);
    return ["done", "failed"].includes(res.body.status) ? res.body : undefined;
  });
