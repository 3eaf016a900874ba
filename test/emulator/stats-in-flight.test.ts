import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await TestEmulator.start();
});
afterAll(async () => {
  await emu.close();
});

describe("stats: requests in flight", () => {
  it("count a request from arrival until the emulator is done with it; a request sent whole lands though its client has gone", async () => {
    await emu.setFaults({ latencyMs: 2000, routes: ["POST /v1/convai/tools"] });
    const aborted = new AbortController();
    const pending = request(`${emu.baseUrl}/tools`, {
      method: "POST",
      headers: { "xi-api-key": emu.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ type: "client", name: "late_tool" }),
      signal: aborted.signal,
    }).catch((e: unknown) => e);
    await waitFor(async () => (await emu.stats()).inFlight === 1);
    aborted.abort();
    expect(await pending).toBeInstanceOf(Error);
    // The client is gone; the emulator is still working on its request (2 s of injected latency).
    expect((await emu.stats()).inFlight).toBe(1);
    await waitFor(async () => (await emu.stats()).inFlight === 0, 10_000);
    // It was sent whole, so it landed, as on a real server (a crashed deployment's last creates do).
    expect((await emu.listAll("/tools", "tools")).map((t) => t.name)).toEqual(["late_tool"]);
  });
});
