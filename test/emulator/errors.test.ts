import { FormData, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiResponse } from "../support/test-emulator";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  t = await TestEmulator.start();
  agentId = (await t.api("POST", "/agents", { name: "owner" })).body.agent_id;
});
afterAll(() => t.close());

/**
 * Asserts a 400 that names exactly `problems`, in order: all of them in `details.errors` and in
 * the message, the first in `details.field` / `details.issue` (the single-problem shape kept).
 */
function expectProblems(res: ApiResponse, problems: [string, RegExp | string][]) {
  const error = expectError(res, 400, "VALIDATION_ERROR");
  const errors = error.details.errors as { field: string; issue: string }[];
  expect(errors.map((e) => e.field)).toEqual(problems.map(([field]) => field));
  problems.forEach(([, issue], i) => {
    expect(errors[i]?.issue).toMatch(issue);
  });
  expect(error.details.field).toBe(errors[0]?.field);
  expect(error.details.issue).toBe(errors[0]?.issue);
  expect(error.message).toBe(`Invalid request parameters: ${errors.map((e) => `${e.field}: ${e.issue}`).join("; ")}`);
}

async function upload(form: FormData): Promise<ApiResponse> {
  const res = await request(`${t.baseUrl}/agents/${agentId}/knowledge-base/file`, {
    method: "POST",
    headers: { "xi-api-key": t.apiKey },
    body: form,
  });
  return { status: res.statusCode, headers: res.headers as Record<string, string>, body: await res.body.json() };
}

describe("a 400 names every problem of the request at once", () => {
  it("every schema problem of a create body, nested ones with their dot path", async () => {
    const res = await t.api("POST", "/agents", {
      conversation_config: { agent: { prompt: { prompt: 42 } }, tts: { voice_settings: { stability: 2 } } },
    });
    expectProblems(res, [
      ["name", "is required (expected string)"],
      ["conversation_config.agent.prompt.prompt", /expected string/],
      ["conversation_config.tts.voice_settings.stability", /<=1/],
    ]);
  });

  it("a cross-field rule together with the field problems (server tool without url and name)", async () => {
    expectProblems(await t.api("POST", "/tools", { type: "server", name: "" }), [
      ["name", "cannot be empty"],
      ["server_tool.url", "is required for server tools"],
    ]);
  });

  it("every problem of a merge-patched object", async () => {
    const { body: tool } = await t.api("POST", "/tools", { type: "client", name: "patched" });
    expectProblems(await t.api("PATCH", `/tools/${tool.tool_id}`, { name: null, client_tool: { parameters: [{}] } }), [
      ["name", "is required (expected string)"],
      ["client_tool.parameters.0.name", "is required (expected string)"],
      [
        "client_tool.parameters.0.type",
        "is required (expected one of string, number, integer, boolean, object, array)",
      ],
    ]);
  });

  it("a reference to a missing object together with the schema problems", async () => {
    expectProblems(await t.api("POST", "/phone-numbers", { country: "usa", area_code: "1", agent_id: "agent_gone" }), [
      ["country", /ISO 3166-1/],
      ["area_code", "must be 2 to 5 digits"],
      ["agent_id", "no agent with id agent_gone"],
    ]);
    const { body: number } = await t.api("POST", "/phone-numbers", { country: "US" });
    expectProblems(
      await t.api("PATCH", `/phone-numbers/${number.phone_number_id}`, { webhook_url: "x", agent_id: "agent_gone" }),
      [
        ["webhook_url", "must be an http(s) URL"],
        ["agent_id", "no agent with id agent_gone"],
      ],
    );
    expectProblems(await t.api("POST", "/conversations/outbound-call", { agent_id: "agent_gone", to_number: "123" }), [
      ["to_number", /E\.164/],
      ["agent_id", "no agent with id agent_gone"],
    ]);
  });

  it("a duplicate secret name together with a missing value", async () => {
    expect((await t.api("POST", "/workspace/secrets", { name: "TAKEN", value: "v" })).status).toBe(200);
    expectProblems(await t.api("POST", "/workspace/secrets", { name: "TAKEN" }), [
      ["value", "is required (expected string)"],
      ["name", "a secret named TAKEN already exists"],
    ]);
  });

  it("every bad query parameter of a list, paging and filters alike", async () => {
    expectProblems(await t.api("GET", "/tools?page=-1&page_size=0&order_by=color&order_direction=up&type=robot"), [
      ["page", "must be a non-negative integer"],
      ["page_size", "must be at least 1"],
      ["order_by", "must be one of created_at, updated_at, name"],
      ["order_direction", "must be one of asc, desc"],
      ["type", "must be one of server, client"],
    ]);
    expectProblems(await t.api("GET", "/conversations?page=x&status=bogus&start_date=someday"), [
      ["page", "must be a non-negative integer"],
      ["status", /Invalid option/],
      ["start_date", "must be an ISO 8601 date"],
    ]);
    expectProblems(await t.api("GET", "/phone-numbers?page_size=1.5&status=gone"), [
      ["page_size", "must be a non-negative integer"],
      ["status", "must be one of active, inactive, released"],
    ]);
  });

  it("the file part, the metadata string and the other fields of an upload", async () => {
    const form = new FormData();
    form.set("name", "");
    form.set("metadata", "{nope");
    expectProblems(await upload(form), [
      ["file", "is required (a file part named file)"],
      ["metadata", "must be a JSON object string"],
      ["name", "cannot be empty"],
    ]);
  });

  it("a seeded conversation's schema problems together with its missing agent", async () => {
    expectProblems(await t.api("POST", "/_emulator/conversations", { agent_id: "agent_gone", status: "bogus" }), [
      ["status", /Invalid option/],
      ["agent_id", "no agent with id agent_gone"],
    ]);
  });

  it("one problem keeps the single-problem shape, with errors listing just it", async () => {
    const error = expectError(await t.api("POST", "/agents", "{not json"), 400, "VALIDATION_ERROR");
    expect(error.details).toEqual({
      field: "body",
      issue: error.details.issue,
      errors: [{ field: "body", issue: error.details.issue }],
    });
    expect(error.details.issue).toMatch(/^malformed JSON/);
  });

  it("a missing object in the path is a 404, before any problem of the body", async () => {
    expectError(await t.api("PATCH", "/tools/tool_gone", { name: null }), 404, "NOT_FOUND");
  });
});
