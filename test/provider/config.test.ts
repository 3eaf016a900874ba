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
    ).toMatchObject({
      apiKey: "stack-key",
      baseUrl: "http://stack.example",
    });
    expect(resolveProviderConfig(stack({}))).toMatchObject({
      apiKey: "env-key",
      baseUrl: "http://env.example/v1/convai",
    });
    delete process.env.ELEVENLABS_BASE_URL;
    expect(resolveProviderConfig()).toMatchObject({ apiKey: "env-key", baseUrl: DEFAULT_BASE_URL });
  });

  it.each([
    ["https://api.elevenlabs.io", "live"],
    ["https://api.elevenlabs.io/v1/convai", "live"],
    ["https://api.us.elevenlabs.io", "live"],
    ["https://api.eu.residency.elevenlabs.io", "live"],
    ["https://api.in.residency.elevenlabs.io/v1/convai", "live"],
    ["http://127.0.0.1:8787", "seed"],
    ["https://proxy.example.com/v1/convai", "seed"],
    ["https://elevenlabs.io.evil.example", "seed"],
  ])("the API profile of %s defaults to %s", (baseUrl, profile) => {
    const config = resolveProviderConfig(stack({ "elevenlabs:apiKey": "k", "elevenlabs:baseUrl": baseUrl }));
    expect(config).toMatchObject({ profile, profileSource: expect.stringContaining("default") });
  });

  it("elevenlabs:apiProfile beats ELEVENLABS_API_PROFILE, which beats the host default", () => {
    process.env.ELEVENLABS_API_PROFILE = "seed";
    try {
      const vendor = { "elevenlabs:apiKey": "k", "elevenlabs:baseUrl": "https://api.elevenlabs.io" };
      expect(resolveProviderConfig(stack(vendor))).toMatchObject({
        profile: "seed",
        profileSource: "ELEVENLABS_API_PROFILE",
      });
      expect(resolveProviderConfig(stack({ ...vendor, "elevenlabs:apiProfile": "Live" }))).toMatchObject({
        profile: "live",
        profileSource: "elevenlabs:apiProfile",
      });
    } finally {
      delete process.env.ELEVENLABS_API_PROFILE;
    }
  });

  it("a profile or concurrency cap it cannot use is a config error naming the key and the choices", () => {
    const bad = (extra: Record<string, string>) => {
      try {
        resolveProviderConfig(stack({ "elevenlabs:apiKey": "k", ...extra }));
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("accepted");
    };
    const profile = bad({ "elevenlabs:apiProfile": "prod" });
    expect(profile).toMatchObject({ code: "CONFIG_INVALID_PROFILE" });
    expect(profile.message).toMatch(/elevenlabs:apiProfile must be "seed" .* or "live"/);
    const cap = bad({ "elevenlabs:maxConcurrentRequests": "0" });
    expect(cap).toMatchObject({ code: "CONFIG_INVALID_CONCURRENCY" });
    expect(cap.message).toContain("elevenlabs:maxConcurrentRequests");
    expect(
      resolveProviderConfig(stack({ "elevenlabs:apiKey": "k", "elevenlabs:maxConcurrentRequests": "3" })),
    ).toMatchObject({ maxConcurrentRequests: 3 });
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
