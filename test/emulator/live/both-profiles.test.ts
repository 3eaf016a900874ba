import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { PROFILE_CASES } from "./profiles";

describe.each(PROFILE_CASES)(
  "in the $profile profile",
  ({ profile, createAgent, createAgentRoute, errorCode, codes }) => {
    let t: TestEmulator;
    beforeAll(async () => {
      t = await TestEmulator.start({ profile, maxConcurrentRequests: 2 });
    });
    afterAll(() => t.close());
    beforeEach(() => t.reset());

    it("reports its profile", () => {
      expect(t.profile).toBe(profile);
    });

    it("injected 5xx and 429 storms answer before any state change, counted in stats by route template", async () => {
      await t.setFaults({ errorBurst: { count: 1 }, errorStatus: 503, routes: [createAgentRoute] });
      const failed = await createAgent(t);
      expect(failed.status).toBe(503);
      await t.setFaults({ rateLimitStorm: { count: 1 } });
      const limited = await createAgent(t);
      expect(limited.status).toBe(429);
      expect(limited.headers["retry-after"]).toBe("1");
      await t.setFaults({ rateLimitStorm: { count: 1, busy: true } });
      const busy = await createAgent(t);
      expect(busy.status).toBe(429);
      await t.clearFaults();
      expect((await createAgent(t)).status).toBe(200);
      expect(await t.api("GET", "/agents")).toMatchObject({ status: 200 });
      const listed = (await t.api("GET", "/agents")).body.agents;
      expect(listed).toHaveLength(1);
      const stats = await t.stats();
      expect(stats.byRoute[createAgentRoute]).toBe(4);
      expect(stats.byStatus).toMatchObject({ 503: 1, 429: 2, 200: 3 });
      expect(errorCode(limited)).toBe(codes.tooMany);
      expect(errorCode(busy)).toBe(codes.busy);
    });

    it("a dropped connection changes nothing; a lost response is applied", async () => {
      await t.setFaults({ dropBurst: { count: 1 } });
      await expect(createAgent(t)).rejects.toThrow();
      await t.setFaults({ lostResponseBurst: { count: 1 }, lostResponseAs: 502 });
      expect((await createAgent(t)).status).toBe(502);
      await t.clearFaults();
      expect((await t.api("GET", "/agents")).body.agents).toHaveLength(1);
    });

    it("limits requests in flight: one over the limit is 429 with the concurrency headers, and its slot frees after", async () => {
      await t.setFaults({ latencyMs: 300, routes: ["GET /v1/convai/agents"] });
      const answers = await Promise.all([1, 2, 3].map(() => t.api("GET", "/agents")));
      const refused = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
      expect(refused).toHaveLength(1);
      const [r] = refused;
      expect(r?.headers["maximum-concurrent-requests"]).toBe("2");
      expect(r?.headers["current-concurrent-requests"]).toBe("3");
      expect(errorCode(r as (typeof answers)[number])?.toLowerCase()).toBe("too_many_concurrent_requests");
      await t.clearFaults();
      expect((await t.api("GET", "/agents")).status).toBe(200);
    });

    it("refuses a wrong key with 401 and never echoes it", async () => {
      const res = await t.api("GET", "/agents", undefined, { "xi-api-key": "wrong-key-123" });
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe(codes.badKey);
      expect(JSON.stringify(res.body)).not.toContain("wrong-key-123");
    });
  },
);

describe("profile option", () => {
  it("defaults to seed, and an unknown profile fails at start", async () => {
    const seed = await TestEmulator.start();
    expect(seed.profile).toBe("seed");
    await seed.close();
    await expect(TestEmulator.start({ profile: "staging" as never })).rejects.toThrow(/unknown profile staging/);
  });

  it("a data directory written by one profile is refused by the other, and reopens in its own", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "emu-profile-"));
    try {
      const seed = await TestEmulator.start({ dataDir });
      const { agent_id } = (await seed.api("POST", "/agents", { name: "kept" })).body;
      await seed.close();
      await expect(TestEmulator.start({ profile: "live", dataDir })).rejects.toThrow(
        /holds objects of the seed profile; start with --profile seed/,
      );
      const again = await TestEmulator.start({ dataDir });
      expect((await again.api("GET", `/agents/${agent_id}`)).body.name).toBe("kept");
      await again.reset();
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("the live profile has no per-minute rate limit headers by default; seed keeps them", async () => {
    const live = await startWithoutTestDefaults("live");
    const seed = await startWithoutTestDefaults("seed");
    try {
      expect((await live.api("GET", "/agents")).headers["x-ratelimit-limit"]).toBeUndefined();
      expect((await seed.api("GET", "/agents")).headers["x-ratelimit-limit"]).toBe("100");
    } finally {
      await live.close();
      await seed.close();
    }
  });
});

/** Without TestEmulator's `rateLimit: 0`, so the profile's own default applies. */
const startWithoutTestDefaults = (profile: "seed" | "live") => TestEmulator.start({ profile, rateLimit: undefined });

describe("a client of the other profile", () => {
  it("gets a route-level 404 (not an object's) on its first request, in either direction", async () => {
    const seed = await TestEmulator.start();
    const live = await TestEmulator.start({ profile: "live" });
    try {
      // A live client against the seed: the live-only settings route is no route at all.
      const onSeed = await seed.api("GET", "/settings");
      expect(onSeed.status).toBe(404);
      expect(onSeed.body.error.code).toBe("NOT_FOUND");
      expect(onSeed.body.error.details.id).toBeUndefined();
      expect((await seed.api("POST", "/agents/create", { conversation_config: {} })).status).toBe(405);
      // A seed client against the live profile: FastAPI's plain-string detail.
      expect(await live.api("GET", "/workspace/settings")).toMatchObject({
        status: 404,
        body: { detail: "Not Found" },
      });
      expect(await live.api("POST", "/agents", { name: "x" })).toMatchObject({
        status: 405,
        body: { detail: "Method Not Allowed" },
      });
    } finally {
      await seed.close();
      await live.close();
    }
  });
});

describe("TestEmulator.listAll", () => {
  it("walks seed pages, live cursors and the live bare array alike", async () => {
    const seed = await TestEmulator.start();
    const live = await TestEmulator.start({ profile: "live" });
    try {
      for (let i = 0; i < 105; i++) {
        await seed.api("POST", "/agents", { name: `s${i}` });
        await live.api("POST", "/agents/create", { conversation_config: {}, name: `l${i}` });
      }
      expect(await seed.listAll("/agents", "agents")).toHaveLength(105);
      expect(await live.listAll("/agents", "agents")).toHaveLength(105);
      const number = { provider: "twilio", phone_number: "+14155550100", label: "x", sid: "a", token: "b" };
      await live.api("POST", "/phone-numbers", number);
      expect(await live.listAll("/phone-numbers", "phone_numbers")).toHaveLength(1);
    } finally {
      await seed.close();
      await live.close();
    }
  });
});
