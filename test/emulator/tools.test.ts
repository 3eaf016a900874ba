import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start();
});
afterAll(() => t.close());

const serverTool = {
  type: "server",
  name: "get_weather",
  description: "Weather",
  server_tool: {
    url: "https://api.example.com/weather/{location}",
    parameters: [{ name: "location", type: "string", required: true, location: "path" }],
  },
};

describe("tools", () => {
  it("creates a server tool with id, timestamps and the default method GET", async () => {
    const res = await t.api("POST", "/tools", serverTool);
    expect(res.status).toBe(200);
    expect(res.body.tool_id).toMatch(/^tool_/);
    expect(res.body).toMatchObject({ type: "server", name: "get_weather" });
    expect(res.body.server_tool.method).toBe("GET");
    expect(res.body.server_tool.timeout_seconds).toBe(20);
    expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(res.body.updated_at).toBe(res.body.created_at);
  });

  it("creates a client tool without a server_tool", async () => {
    const res = await t.api("POST", "/tools", {
      type: "client",
      name: "play_sound",
      client_tool: { event_name: "play" },
    });
    expect(res.body.server_tool).toBeUndefined();
    expect(res.body.client_tool).toEqual({ event_name: "play", parameters: [], expects_response: false });
  });

  it("gets, patches, filters by type and deletes", async () => {
    const { body: tool } = await t.api("POST", "/tools", serverTool);
    const patched = await t.api("PATCH", `/tools/${tool.tool_id}`, {
      server_tool: { method: "POST" },
      description: null,
    });
    expect(patched.body.server_tool.method).toBe("POST");
    expect(patched.body.server_tool.url).toBe(serverTool.server_tool.url);
    expect(patched.body.description).toBe("");
    expect((await t.api("GET", `/tools/${tool.tool_id}`)).body).toEqual(patched.body);
    const servers = await t.api("GET", "/tools?type=server");
    expect(servers.body.tools.every((x: { type: string }) => x.type === "server")).toBe(true);
    expect(servers.body.pagination.total_count).toBeGreaterThanOrEqual(2);
    const clients = await t.api("GET", "/tools?type=client");
    expect(clients.body.tools.every((x: { type: string }) => x.type === "client")).toBe(true);
    expectError(await t.api("GET", "/tools?type=other"), 400, "VALIDATION_ERROR");
    expect((await t.api("DELETE", `/tools/${tool.tool_id}`)).body).toEqual({
      message: "Tool deleted successfully",
      tool_id: tool.tool_id,
    });
    expectError(await t.api("GET", `/tools/${tool.tool_id}`), 404, "NOT_FOUND");
    expectError(await t.api("DELETE", `/tools/${tool.tool_id}`), 404, "NOT_FOUND");
  });

  it("requires type, name and, for server tools, server_tool.url", async () => {
    expect(expectError(await t.api("POST", "/tools", { name: "x" }), 400, "VALIDATION_ERROR").details.field).toBe(
      "type",
    );
    expect(
      expectError(await t.api("POST", "/tools", { type: "robot", name: "x" }), 400, "VALIDATION_ERROR").details.field,
    ).toBe("type");
    expect(expectError(await t.api("POST", "/tools", { type: "client" }), 400, "VALIDATION_ERROR").details.field).toBe(
      "name",
    );
    const noUrl = expectError(await t.api("POST", "/tools", { type: "server", name: "x" }), 400, "VALIDATION_ERROR");
    const urlRequired = { field: "server_tool.url", issue: "is required for server tools" };
    expect(noUrl.details).toEqual({ ...urlRequired, errors: [urlRequired] });
    const badParam = expectError(
      await t.api("POST", "/tools", {
        ...serverTool,
        server_tool: { url: "https://x", parameters: [{ name: "a", type: 5 }] },
      }),
      400,
      "VALIDATION_ERROR",
    );
    expect(badParam.details.field).toBe("server_tool.parameters.0.type");
  });
});
