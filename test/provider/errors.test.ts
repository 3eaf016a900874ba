import { describe, expect, it } from "vitest";
import { ApiError, NotFoundError, UnexpectedResponseError } from "../../provider/errors";

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
    ["FastAPI's default 404", { detail: "Not Found" }],
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
