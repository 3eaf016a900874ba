import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ElevenLabsClient } from "../../../provider/client/client";
import { ApiError, ApiValidationError, ConnectionError, RateLimitError, TimeoutError } from "../../../provider/errors";
import { FAST, json, type LocalServer, SECRET_KEY, startLocalServer } from "./local-server";

let server: LocalServer | undefined;
let client: ElevenLabsClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

async function failing(handler: Parameters<typeof startLocalServer>[0]): Promise<unknown> {
  server = await startLocalServer(handler);
  client = new ElevenLabsClient({
    apiKey: SECRET_KEY,
    baseUrl: server.baseUrl,
    ...FAST,
    maxRetries: 0,
    maxRateLimitRetries: 0,
  });
  return client
    .request("agents.get", { path: { agent_id: "agent 1/x" }, query: { include: "all" } })
    .catch((e: unknown) => e);
}

/** Every way an error can reach a log: message, stack, inspect (with cause), JSON. */
function expectNoKey(error: unknown): void {
  const renderings = [
    String(error),
    (error as Error).stack ?? "",
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
  ];
  for (const text of renderings) expect(text).not.toContain(SECRET_KEY);
}

describe("API errors", () => {
  it("carry status, code, message, details and request id from the envelope", async () => {
    const error = await failing((_req, res) =>
      json(res, 422, {
        error: { code: "VALIDATION_ERROR", message: "Prompt cannot be empty", details: { field: "agent.prompt" } },
        request_id: "req_abc123",
      }),
    );
    expect(error).toBeInstanceOf(ApiValidationError);
    expect(error).toMatchObject({
      status: 422,
      code: "VALIDATION_ERROR",
      details: { field: "agent.prompt" },
      requestId: "req_abc123",
      method: "GET",
      path: "/agents/agent%201%2Fx",
    });
    expect((error as Error).message).toContain("Prompt cannot be empty");
    expect((error as Error).message).not.toContain("include=all");
    expect(server?.requests[0]?.url).toBe("/v1/convai/agents/agent%201%2Fx?include=all");
    expect(server?.requests[0]?.headers["xi-api-key"]).toBe(SECRET_KEY);
    expectNoKey(error);
  });

  it("fall back to x-request-id and a status-derived code when the body is not the envelope", async () => {
    const error = await failing((_req, res) => {
      res.writeHead(403, { "x-request-id": "req_from_header", "content-type": "text/plain" });
      res.end("not for you");
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: "AUTHORIZATION_ERROR", requestId: "req_from_header" });
    expect((error as Error).message).toContain("not for you");
  });

  it("are RateLimitError for 429 with retryAfterMs", async () => {
    const error = await failing((_req, res) =>
      json(res, 429, { error: { code: "RATE_LIMIT_EXCEEDED", message: "slow down" } }, { "retry-after": "7" }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 7_000 });
  });

  it("never contain the key, even when the server echoes it back", async () => {
    const error = await failing((req, res) =>
      json(res, 401, {
        error: {
          code: "AUTHENTICATION_ERROR",
          message: `bad key ${String(req.headers["xi-api-key"])}`,
          details: { key: req.headers["xi-api-key"] },
        },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "AUTHENTICATION_ERROR" });
    expectNoKey(error);
  });

  it("a 2xx that is not JSON is UNEXPECTED_RESPONSE", async () => {
    const error = await failing((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>");
    });
    expect(error).toMatchObject({ code: "UNEXPECTED_RESPONSE" });
  });
});

describe("transport errors", () => {
  it("a timeout is a TimeoutError without the key", async () => {
    server = await startLocalServer(() => undefined); // never answers
    client = new ElevenLabsClient({
      apiKey: SECRET_KEY,
      baseUrl: server.baseUrl,
      ...FAST,
      maxRetries: 0,
      timeoutMs: 100,
    });
    const error = await client.request("agents.get", { path: { agent_id: "a" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "TIMEOUT" });
    expectNoKey(error);
  });

  it("connection refused is a ConnectionError without the key", async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: closed.baseUrl, ...FAST, maxRetries: 1 });
    const error = await client.request("agents.list").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "CONNECTION_ERROR" });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expectNoKey(error);
  });
});
