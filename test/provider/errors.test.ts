import { describe, expect, it } from "vitest";
import { ApiError, NotFoundError, ProfileMismatchError, UnexpectedResponseError } from "../../provider/errors";
import { liveErrors } from "../../provider/profiles/live/errors";

/** An answer to `GET /agents/agent_1` as the client would pass it on. */
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  ApiError.fromResponse({
    status,
    headers,
    text: typeof body === "string" ? body : JSON.stringify(body),
    method: "GET",
    path: "/agents/agent_1",
    url: "http://127.0.0.1:8787/v2/agents/agent_1",
    pathValues: ["agent_1"],
    redact: (t) => t.split("sk_secret").join("[redacted]"),
  });

describe("ApiError.fromResponse: when a 404 proves that the object is gone", () => {
  it("the envelope's NOT_FOUND about the id in the path is absence", () => {
    const error = answer(404, {
      error: { code: "NOT_FOUND", message: "agent agent_1 not found", details: { resource: "agent", id: "agent_1" } },
      request_id: "req_1",
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", requestId: "req_1" });
  });

  it.each([
    ["a NOT_FOUND about another id", { error: { code: "NOT_FOUND", message: "x", details: { id: "agent_2" } } }],
    ["a NOT_FOUND that names no object (an unknown route)", { error: { code: "NOT_FOUND", message: "no route" } }],
    ["a proxy's HTML page", "<html><body>404 Not Found</body></html>"],
    ["an empty body", ""],
  ])("%s is not absence: an error naming the URL and the base URL setting", (_label, body) => {
    const error = answer(404, body);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.code).toBe("UNEXPECTED_RESPONSE");
    expect(error.message).toContain("GET http://127.0.0.1:8787/v2/agents/agent_1 answered 404");
    expect(error.message).toContain("elevenlabs:baseUrl");
  });

  it("FastAPI's default 404 (what the live API answers for a path that is no route) names both profiles and the base URL", () => {
    const error = answer(404, { detail: "Not Found" });
    expect(error).toBeInstanceOf(ProfileMismatchError);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.code).toBe("PROFILE_MISMATCH");
    expect(error.message).toContain("in the live API's error format");
    expect(error.message).toContain('elevenlabs:apiProfile (or ELEVENLABS_API_PROFILE) to "live"');
    expect(error.message).toContain("elevenlabs:baseUrl");
  });

  it("other statuses keep the API's code and message", () => {
    const error = answer(409, { error: { code: "CONFLICT", message: "name taken" } });
    expect(error).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(error.message).toBe("GET /agents/agent_1 failed: 409 CONFLICT: name taken");
  });

  it("never repeats what redact removes, in the message or the details", () => {
    const error = answer(404, { error: { code: "NOT_FOUND", message: "key sk_secret", details: { k: "sk_secret" } } });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain("sk_secret");
  });
});

/** An answer to `GET /agents/agent_1` of a client speaking the live profile. */
const liveAnswer = (status: number, body: unknown, method = "GET") =>
  ApiError.fromResponse(
    {
      status,
      headers: {},
      text: typeof body === "string" ? body : JSON.stringify(body),
      method,
      path: "/agents/agent_1",
      url: "https://api.elevenlabs.io/v1/convai/agents/agent_1",
      pathValues: ["agent_1"],
      redact: (t) => t,
    },
    liveErrors,
    "live",
  );

describe("ApiError.fromResponse in the live profile", () => {
  it("reads {detail: {status, message}}: the status is the code", () => {
    const error = liveAnswer(401, { detail: { status: "invalid_api_key", message: "Invalid API key" } });
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect(error.message).toBe("GET /agents/agent_1 failed: 401 invalid_api_key: Invalid API key");
  });

  it('reads a plain {detail: "…"} and 429 concurrency codes', () => {
    expect(liveAnswer(400, { detail: "bad" })).toMatchObject({
      code: "VALIDATION_ERROR",
      message: expect.stringContaining("bad"),
    });
    const busy = liveAnswer(429, { detail: { status: "system_busy", message: "busy" } });
    expect(busy).toMatchObject({ name: "RateLimitError", code: "system_busy" });
  });

  it("turns a 422 {detail: [{loc, msg, type}]} into field paths in resource form", () => {
    const error = liveAnswer(422, {
      detail: [
        { loc: ["body", "conversation_config", "agent", "first_message"], msg: "too long", type: "value_error" },
        { loc: ["body", "tags", 0], msg: "not a string", type: "type_error" },
      ],
    });
    expect(error).toMatchObject({ name: "ApiValidationError", status: 422, code: "VALIDATION_ERROR" });
    expect(error.details).toEqual({
      fields: [
        { path: "conversationConfig.agent.firstMessage", message: "too long", type: "value_error" },
        { path: "tags[0]", message: "not a string", type: "type_error" },
      ],
    });
    expect(error.message).toContain("conversationConfig.agent.firstMessage: too long; tags[0]: not a string");
  });

  it.each([
    [
      "a *_not_found status answering GET of the object's own path",
      404,
      { detail: { status: "agent_not_found", message: "x" } },
      "GET",
      true,
    ],
    [
      "the same answering DELETE of it",
      404,
      { detail: { status: "document_not_found", message: "x" } },
      "DELETE",
      true,
    ],
    ["the same answering a PATCH", 404, { detail: { status: "agent_not_found", message: "x" } }, "PATCH", false],
    ['FastAPI\'s {detail: "Not Found"} (no such route)', 404, { detail: "Not Found" }, "GET", false],
    ["another status string", 404, { detail: { status: "gone_fishing", message: "x" } }, "GET", false],
    ["an HTML page", 404, "<html>404</html>", "GET", false],
  ])("%s proves absence: %s", (_label, status, body, method, gone) => {
    const error = liveAnswer(status, body, method);
    expect(error instanceof NotFoundError).toBe(gone);
    if (!gone) expect(error).toBeInstanceOf(UnexpectedResponseError);
  });

  it("the contract's envelope means the server speaks the seed profile", () => {
    const error = liveAnswer(404, { error: { code: "NOT_FOUND", message: "no route" }, request_id: "r" });
    expect(error).toBeInstanceOf(ProfileMismatchError);
    expect(error.message).toContain('to "seed"');
  });
});
