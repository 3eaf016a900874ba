/**
 * The Tool handler against a real emulator: secret headers, round trips and deletes in both API
 * profiles (each with its own tools, below), then what only the contract's shape has.
 */
import { describe, expect, it } from "vitest";
import { toolHandler as h } from "../../../provider/handlers/tool";
import type { ProfileName } from "../../../provider/profiles/types";
import { checked, token, useEmulator } from "./harness";

type Json = Record<string, any>;

const SECRET = "Bearer secret-header-value-42";
const PLAIN = { "Content-Type": "application/json" };

/** A server tool with a plain and a secret header, and a client tool, in each profile's shape. */
interface ToolFixture {
  profile: ProfileName;
  server: Json;
  client: Json;
  named(tool: Json, name: string): Json;
  /** The headers of the raw API object, and the plain headers of the outputs. */
  wireHeaders(raw: Json): Json;
  plainHeaders(outs: Json): Json;
}

const TOOL_FIXTURES: ToolFixture[] = [
  {
    profile: "seed",
    server: {
      type: "server",
      name: "get_weather",
      description: "Weather",
      serverTool: {
        url: "https://api.example.com/weather/{location}",
        method: "GET",
        headers: PLAIN,
        parameters: [{ name: "location", type: "string", required: true, location: "path", default: { Some_Key: 1 } }],
        responseSchema: { type: "object", properties: { temperature_C: { type: "number" } } },
      },
      secretHeaders: { Authorization: SECRET },
    },
    client: { type: "client", name: "c1", clientTool: { eventName: "play", parameters: [] } },
    named: (tool, name) => ({ ...tool, name }),
    wireHeaders: (raw) => raw.server_tool.headers,
    plainHeaders: (outs) => outs.serverTool.headers,
  },
  {
    profile: "live",
    server: {
      toolConfig: {
        type: "webhook",
        name: "get_weather",
        description: "Weather",
        apiSchema: {
          url: "https://api.example.com/weather/{location}",
          method: "GET",
          requestHeaders: PLAIN,
          pathParamsSchema: { location: { type: "string", description: "City" } },
        },
      },
      secretHeaders: { Authorization: SECRET },
    },
    client: {
      toolConfig: { type: "client", name: "c1", description: "Plays a sound", parameters: { type: "object" } },
    },
    named: (tool, name) => ({ ...tool, toolConfig: { ...tool.toolConfig, name } }),
    wireHeaders: (raw) => raw.tool_config.api_schema.request_headers,
    plainHeaders: (outs) => outs.toolConfig.apiSchema.requestHeaders,
  },
];

describe.each(TOOL_FIXTURES)("Tool handler ($profile API profile)", (fx) => {
  const ctx = useEmulator(fx.profile);

  it("secret headers are merged into the headers on the wire and split back out on read", async () => {
    const inputs = await checked(h, { ...fx.server, creationToken: token("tool") });
    const { id, outs } = (await h.create(inputs)) as { id: string; outs: Json };
    const live = (await ctx.emulator.api("GET", `/tools/${id}`)).body;
    expect(fx.wireHeaders(live)).toEqual({ ...PLAIN, Authorization: SECRET });
    expect(fx.plainHeaders(outs)).toEqual(PLAIN);
    expect(outs.secretHeaders).toEqual({ Authorization: SECRET });
    expect(JSON.stringify({ ...outs, secretHeaders: undefined })).not.toContain(SECRET);

    const read = await h.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect(JSON.stringify({ ...read.props, secretHeaders: undefined })).not.toContain(SECRET);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("removing a secret header changes only that key, and removes only it from the wire", async () => {
    const inputs = await checked(h, { ...fx.named(fx.server, "t2"), creationToken: token("tool") });
    const { id, outs } = await h.create(inputs);
    const news = await checked(h, {
      ...fx.named(fx.server, "t2"),
      secretHeaders: undefined,
      creationToken: inputs.creationToken,
    });
    expect(h.changedKeys(outs!, news)).toEqual(["secretHeaders"]);
    const { outs: after } = await h.update(id, outs!, news);
    const live = (await ctx.emulator.api("GET", `/tools/${id}`)).body;
    expect(fx.wireHeaders(live)).toEqual(PLAIN);
    expect((await h.diff(id, (await h.read(id, after!)).props!, news)).changes).toBe(false);
  });

  it("a client tool round-trips with no diff despite server defaults; a second delete succeeds", async () => {
    const inputs = await checked(h, { ...fx.client, creationToken: token("c") });
    const { id, outs } = await h.create(inputs);
    const read = await h.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
    await h.delete(id, outs!);
    expect((await ctx.emulator.api("GET", `/tools/${id}`)).status).toBe(404);
    expect(await h.read(id, outs!)).toEqual({});
    await expect(h.delete(id, outs!)).resolves.toBeUndefined();
  });
});

describe("Tool handler, seed API profile (the contract's tool shape)", () => {
  const ctx = useEmulator("seed");
  const [seed] = TOOL_FIXTURES as [ToolFixture];

  it("check rejects a server tool without serverTool and a bad enum, naming the path", async () => {
    const r = await h.check({}, { type: "server", name: "x" });
    expect(r.failures).toEqual([{ property: "", reason: 'serverTool: is required when type is "server"' }]);
    const bad = await h.check({}, { type: "webhook", name: "x" });
    expect(bad.failures).toEqual([{ property: "", reason: 'type: expected one of "server", "client", got "webhook"' }]);
  });

  it("opaque maps keep user keys verbatim: the response schema's properties, parameter defaults", async () => {
    const { id } = await h.create(await checked(h, { ...seed.server, creationToken: token("tool") }));
    const live = (await ctx.emulator.api("GET", `/tools/${id}`)).body;
    expect(live.server_tool.response_schema.properties.temperature_C).toEqual({ type: "number" });
    expect(live.server_tool.parameters[0].default).toEqual({ Some_Key: 1 });
  });

  it("changing type is a replacement (the live toolConfig.type updates in place)", async () => {
    const inputs = await checked(h, { ...seed.named(seed.server, "t3"), creationToken: token("tool") });
    const { id, outs } = await h.create(inputs);
    const client = await checked(h, { type: "client", name: "t3", clientTool: { eventName: "e", parameters: [] } });
    const diff = await h.diff(id, outs!, client);
    expect(diff.replaces).toEqual(["type"]);
    expect(diff.deleteBeforeReplace).toBe(true);
  });
});
