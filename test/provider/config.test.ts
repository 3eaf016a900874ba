import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getClient } from "../../provider/client/client";
import { clientFromConfig, configure, DEFAULT_BASE_URL, resolveProviderConfig } from "../../provider/config";
import { ConfigError } from "../../provider/errors";

const stack = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const saved = { ...process.env };
beforeEach(() => {
  delete process.env.ELEVENLABS_API_KEY;
  delete process.env.ELEVENLABS_BASE_URL;
});
afterEach(() => {
  process.env = { ...saved };
});

describe("resolveProviderConfig", () => {
  it("prefers stack config, then env, then the default base URL", () => {
    process.env.ELEVENLABS_API_KEY = "env-key";
    process.env.ELEVENLABS_BASE_URL = "http://env.example/v1/convai/";
    expect(
      resolveProviderConfig(stack({ "elevenlabs:apiKey": "stack-key", "elevenlabs:baseUrl": "http://stack.example" })),
    ).toEqual({
      apiKey: "stack-key",
      baseUrl: "http://stack.example",
    });
    expect(resolveProviderConfig(stack({}))).toEqual({ apiKey: "env-key", baseUrl: "http://env.example/v1/convai" });
    delete process.env.ELEVENLABS_BASE_URL;
    expect(resolveProviderConfig()).toEqual({ apiKey: "env-key", baseUrl: DEFAULT_BASE_URL });
  });

  it("without a key throws CONFIG_MISSING_API_KEY naming both places to set it", () => {
    const error = (() => {
      try {
        resolveProviderConfig(stack({ "elevenlabs:apiKey": "  " }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: "CONFIG_MISSING_API_KEY" });
    expect((error as Error).message).toContain("elevenlabs:apiKey");
    expect((error as Error).message).toContain("ELEVENLABS_API_KEY");
  });
});

describe("configure / clientFromConfig", () => {
  it("stores the config synchronously and shares one client per base URL and key", () => {
    configure(stack({ "elevenlabs:apiKey": "k1", "elevenlabs:baseUrl": "http://127.0.0.1:9/v1/convai" }));
    const a = clientFromConfig();
    expect(clientFromConfig()).toBe(a);
    expect(getClient({ apiKey: "k1", baseUrl: "http://127.0.0.1:9/v1/convai/" })).toBe(a);
    expect(getClient({ apiKey: "k2", baseUrl: "http://127.0.0.1:9/v1/convai" })).not.toBe(a);
    configure(stack({ "elevenlabs:apiKey": "k1", "elevenlabs:baseUrl": "http://127.0.0.1:10/v1/convai" }));
    expect(clientFromConfig()).not.toBe(a);
  });

  it("a bad base URL is CONFIG_INVALID_BASE_URL", () => {
    configure(stack({ "elevenlabs:apiKey": "k1", "elevenlabs:baseUrl": "ftp://nope" }));
    expect(() => clientFromConfig()).toThrow(expect.objectContaining({ code: "CONFIG_INVALID_BASE_URL" }));
  });

  it("neither util.inspect nor JSON.stringify of a client shows the key", async () => {
    const { inspect } = await import("node:util");
    const client = getClient({ apiKey: "sk_visible_if_leaked", baseUrl: "http://127.0.0.1:9" });
    expect(inspect(client, { showHidden: true, depth: 5 })).not.toContain("sk_visible_if_leaked");
    expect(JSON.stringify(client)).not.toContain("sk_visible_if_leaked");
  });
});
