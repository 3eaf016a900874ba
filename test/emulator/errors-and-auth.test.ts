import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/index";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start({ apiKey: "sekrit-key-123" });
});
afterAll(() => t.close());

describe("error envelope and authentication", () => {
  it("answers a missing xi-api-key with 401 AUTHENTICATION_ERROR", async () => {
    const res = await request(`${t.baseUrl}/agents`);
    const body = (await res.body.json()) as { error: { code: string }; request_id: string };
    expect(res.statusCode).toBe(401);
    expect(body.error.code).toBe("AUTHENTICATION_ERROR");
    expect(body.request_id).toBe(res.headers["x-request-id"]);
  });

  it("answers a wrong key with 401 and never echoes the key", async () => {
    const res = await t.api("GET", "/agents", undefined, { "xi-api-key": "sekrit-key-124" });
    const err = expectError(res, 401, "AUTHENTICATION_ERROR");
    expect(JSON.stringify(res.body)).not.toContain("sekrit");
    expect(err.message).toBe("Invalid API key");
  });

  it("puts an x-request-id equal to the body's request_id on every response", async () => {
    const ok = await t.api("GET", "/agents");
    expect(ok.headers["x-request-id"]).toMatch(/^req_/);
    const seen = new Set([ok.headers["x-request-id"], (await t.api("GET", "/agents")).headers["x-request-id"]]);
    expect(seen.size).toBe(2);
  });

  it("answers malformed JSON and a non-object body with 400 VALIDATION_ERROR on field body", async () => {
    const bad = expectError(await t.api("POST", "/agents", "{not json"), 400, "VALIDATION_ERROR");
    expect(bad.details.field).toBe("body");
    expect(bad.details.issue).toMatch(/malformed JSON/);
    expectError(await t.api("POST", "/agents", "[1,2]"), 400, "VALIDATION_ERROR");
  });

  it("answers unknown routes with 404 NOT_FOUND and wrong methods with 405 and Allow", async () => {
    expectError(await t.api("GET", "/nothing-here"), 404, "NOT_FOUND");
    expectError(await t.api("GET", "/agents/a/b/c/d"), 404, "NOT_FOUND");
    const outside = await request(`${t.url}/v2/other`);
    expect(outside.statusCode).toBe(404);
    expect(((await outside.body.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    const res = await t.api("PUT", "/agents");
    const err = expectError(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.allow).toBe("POST, GET");
    expect(err.details.allowed).toEqual(["POST", "GET"]);
    expectError(await t.api("POST", "/agents/agent_x"), 405, "METHOD_NOT_ALLOWED");
  });

  it("keeps test endpoints off unless enabled", async () => {
    const plain = await startEmulator();
    try {
      const res = await request(`${plain.url}/_emulator/stats`);
      expect(res.statusCode).toBe(404);
      await res.body.dump();
    } finally {
      await plain.close();
    }
  });
});
