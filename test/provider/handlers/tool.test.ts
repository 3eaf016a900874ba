import { describe, expect, it } from "vitest";
import { toolHandler as h } from "../../../provider/handlers/tool";
import { checked, token, useEmulator } from "./harness";

const ctx = useEmulator();
const SECRET = "Bearer secret-header-value-42";

const server = {
  type: "server",
  name: "get_weather",
  description: "Weather",
  serverTool: {
    url: "https://api.example.com/weather/{location}",
    method: "GET",
    headers: { "Content-Type": "application/json" },
    parameters: [{ name: "location", type: "string", required: true, location: "path", default: { Some_Key: 1 } }],
    responseSchema: { type: "object", properties: { temperature_C: { type: "number" } } },
  },
  secretHeaders: { Authorization: SECRET },
};

describe("Tool handler", () => {
  it("check rejects a server tool without serverTool and a bad enum, naming the path", async () => {
    const r = await h.check({}, { type: "server", name: "x" });
    expect(r.failures).toEqual([{ property: "", reason: 'serverTool: is required when type is "server"' }]);
    const bad = await h.check({}, { type: "webhook", name: "x" });
    expect(bad.failures).toEqual([{ property: "", reason: 'type: expected one of "server", "client", got "webhook"' }]);
  });

  it("secret headers are merged into server_tool.headers on the wire and split back out on read", async () => {
    const inputs = await checked(h, { ...server, creationToken: token("tool") });
    const { id, outs } = await h.create(inputs);
    const live = (await ctx.emulator.api("GET", `/tools/${id}`)).body;
    expect(live.server_tool.headers).toEqual({ "Content-Type": "application/json", Authorization: SECRET });
    // Opaque maps keep user keys verbatim.
    expect(live.server_tool.response_schema.properties.temperature_C).toEqual({ type: "number" });
    expect(live.server_tool.parameters[0].default).toEqual({ Some_Key: 1 });
    expect((outs as any).serverTool.headers).toEqual({ "Content-Type": "application/json" });
    expect((outs as any).secretHeaders).toEqual({ Authorization: SECRET });
    expect(JSON.stringify({ ...(outs as any), secretHeaders: undefined })).not.toContain(SECRET);

    const read = await h.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    expect(JSON.stringify({ ...(read.props as any), secretHeaders: undefined })).not.toContain(SECRET);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("removing a secret header sends a null for it only", async () => {
    const inputs = await checked(h, { ...server, name: "t2", creationToken: token("tool") });
    const { id, outs } = await h.create(inputs);
    const news = await checked(h, {
      ...server,
      name: "t2",
      secretHeaders: undefined,
      creationToken: inputs.creationToken,
    });
    expect(h.changedKeys(outs!, news)).toEqual(["secretHeaders"]);
    await h.update(id, outs!, news);
    const live = (await ctx.emulator.api("GET", `/tools/${id}`)).body;
    expect(live.server_tool.headers).toEqual({ "Content-Type": "application/json" });
  });

  it("changing type is a replacement", async () => {
    const inputs = await checked(h, { ...server, name: "t3", creationToken: token("tool") });
    const { id, outs } = await h.create(inputs);
    const client = await checked(h, { type: "client", name: "t3", clientTool: { eventName: "e", parameters: [] } });
    const diff = await h.diff(id, outs!, client);
    expect(diff.replaces).toEqual(["type"]);
    expect(diff.deleteBeforeReplace).toBe(true);
  });

  it("a client tool round-trips with no diff despite server defaults", async () => {
    const inputs = await checked(h, {
      type: "client",
      name: "c1",
      clientTool: { eventName: "play", parameters: [] },
      creationToken: token("c"),
    });
    const { id, outs } = await h.create(inputs);
    const read = await h.read(id, outs!);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
    await h.delete(id, outs!);
    await h.delete(id, outs!);
  });
});
