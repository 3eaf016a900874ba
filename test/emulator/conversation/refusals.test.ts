import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationClient } from "../../support/conversation-client";
import { TestEmulator } from "../../support/test-emulator";
import { connect, finishedRecord, socketUrl } from "./helpers";

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
    (error: { status?: number }) => error.status,
  );

describe("what the conversation socket refuses", () => {
  it("checks Origin against allowed_origins and accepts the convai subprotocol", async () => {
    expect(await refusal(ConversationClient.open(socketUrl(t, quietAgent), { origin: "https://evil.example" }))).toBe(
      403,
    );
    const c = await ConversationClient.open(socketUrl(t, quietAgent), {
      origin: "https://shop.example",
      protocols: ["convai"],
    });
    expect(c.protocol).toBe("convai");
    await c.initiate({ dynamic_variables: { user_name: "Ada" } });
    c.close();
  });

  it("closes with 1008 when a {{placeholder}} has no dynamic variable, and the record is failed", async () => {
    const c = await connect(t, quietAgent);
    c.send({ type: "conversation_initiation_client_data", dynamic_variables: { other: "x" } });
    const error = await c.next("error");
    expect(error.error_event).toMatchObject({ code: "MISSING_DYNAMIC_VARIABLE", details: { variable: "user_name" } });
    expect((await c.closed).code).toBe(1008);
    const record = await finishedRecord(t, error.error_event.details.conversation_id);
    expect(record).toMatchObject({ status: "failed", metadata: { close_code: 1008 } });
  });

  it("allows 50 concurrent conversations; the 51st gets RATE_LIMIT_EXCEEDED and 1008", async () => {
    const open = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const c = await connect(t, quietAgent);
        await c.initiate({ dynamic_variables: { user_name: "Ada" } });
        return c;
      }),
    );
    const extra = await connect(t, quietAgent);
    const error = await extra.next("error");
    expect(error.error_event.code).toBe("RATE_LIMIT_EXCEEDED");
    expect((await extra.closed).code).toBe(1008);
    // One ends, and a new one is let in.
    open[0]?.close();
    await open[0]?.closed;
    const again = await connect(t, quietAgent);
    expect((await again.initiate({ dynamic_variables: { user_name: "Ada" } })).type).toBe(
      "conversation_initiation_metadata",
    );
    for (const c of [...open, again]) c.close();
    await Promise.all([...open, again].map((c) => c.closed));
  });
});
