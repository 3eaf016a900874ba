import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TestEmulator } from "../support/test-emulator";

let t: TestEmulator;
let privateAgent: string;
let publicAgent: string;
beforeAll(async () => {
  t = await TestEmulator.start();
  privateAgent = (
    await t.api("POST", "/agents", { name: "Private", platform_settings: { auth: { enable_auth: true } } })
  ).body.agent_id;
  publicAgent = (await t.api("POST", "/agents", { name: "Public" })).body.agent_id;
});
afterAll(() => t.close());

/** Opens a socket, starts the conversation and reports the first message and close code, or the HTTP status of a refused upgrade. */
function connect(
  url: string,
): Promise<{ status?: number; error?: string; message?: any; code?: number; reason?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let message: unknown;
    ws.on("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode, error: JSON.parse(Buffer.concat(chunks).toString()).error.message });
        ws.terminate();
      });
    });
    ws.on("open", () => ws.send(JSON.stringify({ type: "conversation_initiation_client_data" })));
    ws.on("message", (data) => {
      message = JSON.parse(String(data));
      ws.close();
    });
    ws.on("close", (code, reason) => resolve({ message, code, reason: String(reason) }));
    ws.on("error", () => {});
  });
}

const signedUrl = async (agentId: string) =>
  (await t.api("GET", `/agents/${agentId}/signed-url`)).body.signed_url as string;

describe("signed URLs on the conversation socket", () => {
  it("accepts a valid token: the conversation starts with its metadata event", async () => {
    const result = await connect(await signedUrl(privateAgent));
    expect(result.message.type).toBe("conversation_initiation_metadata");
    expect(result.message.conversation_initiation_metadata_event).toMatchObject({
      agent_id: privateAgent,
      agent_output_audio_format: "pcm_16000",
    });
  });

  it("rejects a missing token with 401 and a tampered one with 403", async () => {
    const base = t.url.replace("http", "ws");
    expect((await connect(`${base}/v1/convai/conversation?agent_id=${privateAgent}`)).status).toBe(401);
    const url = new URL(await signedUrl(privateAgent));
    const token = url.searchParams.get("token") as string;
    url.searchParams.set("token", `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`);
    expect(await connect(url.toString())).toEqual({ status: 403, error: "signed URL token is invalid" });
    // A token for another agent does not open this one.
    const other = new URL(await signedUrl(publicAgent));
    other.searchParams.set("agent_id", privateAgent);
    expect((await connect(other.toString())).status).toBe(403);
  });

  it("rejects an expired token with 403", async () => {
    // A lifetime of 0 s: the token is expired when issued, so no test waits for a clock to pass.
    const expiring = await TestEmulator.start({ signedUrlTtlSeconds: 0 });
    try {
      const { agent_id } = (
        await expiring.api("POST", "/agents", { name: "Private", platform_settings: { auth: { enable_auth: true } } })
      ).body;
      const { body } = await expiring.api("GET", `/agents/${agent_id}/signed-url`);
      expect(Date.parse(body.expires_at)).toBeLessThanOrEqual(Date.now());
      expect(await connect(body.signed_url)).toEqual({ status: 403, error: "signed URL token is expired" });
    } finally {
      await expiring.close();
    }
  });

  it("lets public agents connect without a token and refuses unknown agents", async () => {
    const base = t.url.replace("http", "ws");
    const open = await connect(`${base}/v1/convai/conversation?agent_id=${publicAgent}`);
    expect(open.message.type).toBe("conversation_initiation_metadata");
    expect((await connect(`${base}/v1/convai/conversation?agent_id=agent_nope`)).status).toBe(404);
    expect((await connect(`${base}/v1/convai/conversation`)).status).toBe(400);
  });
});
