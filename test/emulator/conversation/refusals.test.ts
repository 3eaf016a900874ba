import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationClient, ConversationRefusedError, ConversationServerError } from "../../../provider/index";
import { TestEmulator } from "../../support/test-emulator";
import { connect, finishedRecord } from "./helpers";

let t: TestEmulator;
let quietAgent: string;
beforeAll(async () => {
  t = await TestEmulator.start({ conversationStepMs: 20 });
  const res = await t.api("POST", "/agents", {
    name: "Greeter",
    conversation_config: { agent: { first_message: "", prompt: { prompt: "Greet {{user_name}} warmly." } } },
    platform_settings: { auth: { allowed_origins: ["https://shop.example"] } },
  });
  quietAgent = res.body.agent_id;
});
afterAll(() => t.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof ConversationRefusedError ? error.status : error),
  );
const greet = { dynamicVariables: { user_name: "Ada" } };

describe("what the conversation socket refuses", () => {
  it("checks Origin against allowed_origins and accepts the convai subprotocol", async () => {
    const options = { baseUrl: t.baseUrl, agentId: quietAgent, ...greet };
    expect(await refusal(ConversationClient.connect({ ...options, origin: "https://evil.example" }))).toBe(403);
    const c = await ConversationClient.connect({ ...options, origin: "https://shop.example", protocols: ["convai"] });
    expect(c.protocol).toBe("convai");
    await c.close();
  });

  it("closes with 1008 when a {{placeholder}} has no dynamic variable, and the record is failed", async () => {
    const error = await connect(t, quietAgent, { dynamicVariables: { other: "x" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationServerError);
    expect(error).toMatchObject({
      code: "MISSING_DYNAMIC_VARIABLE",
      details: { variable: "user_name" },
      closeCode: 1008,
    });
    const record = await finishedRecord(t, error.details.conversation_id);
    expect(record).toMatchObject({ status: "failed", metadata: { close_code: 1008 } });
  });

  it("allows 50 concurrent conversations; the 51st gets RATE_LIMIT_EXCEEDED and 1008", async () => {
    const open = await Promise.all(Array.from({ length: 50 }, () => connect(t, quietAgent, greet)));
    const error = await connect(t, quietAgent, greet).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationServerError);
    expect(error).toMatchObject({ code: "RATE_LIMIT_EXCEEDED", closeCode: 1008 });
    // One ends, and a new one is let in.
    await open[0]?.close();
    const again = await connect(t, quietAgent, greet);
    expect((await again.metadata()).type).toBe("conversation_initiation_metadata");
    await Promise.all([...open, again].map((c) => c.close()));
  });
});
