import { describe, expect, it } from "vitest";
import { Faults } from "../../emulator/faults";

const GET = ["GET", "/v1/convai/agents"] as const;

/** A Faults whose chance draws are `draws`, in order (then 0.999: never below a rate). */
function faultsDrawing(...draws: number[]) {
  return new Faults(() => draws.shift() ?? 0.999);
}

describe("Faults.decide", () => {
  it("errorRate faults exactly the draws below the rate", () => {
    const faults = faultsDrawing(0.49, 0.5, 0, 0.99);
    faults.set({ errorRate: 0.5, errorStatus: 500 });
    const kinds = Array.from({ length: 4 }, () => faults.decide(...GET).kind);
    expect(kinds).toEqual(["error", undefined, "error", undefined]);
  });

  it("dropRate and lostResponseRate likewise, each with its own draw", () => {
    const faults = faultsDrawing(0.2, 0.9, 0.1);
    faults.set({ dropRate: 0.3, lostResponseRate: 0.5, lostResponseAs: 504 });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 0, kind: "drop" });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 0, loseResponse: 504 });
  });

  it("bursts and storms fault exactly the next N requests, in the documented order, and say what is left", () => {
    const faults = faultsDrawing();
    faults.set({ dropBurst: { count: 1 }, rateLimitStorm: { count: 1 }, errorBurst: { count: 2 }, latencyMs: 5 });
    expect(faults.current()).toMatchObject({ dropBurst: { count: 1 }, errorBurst: { count: 2 } });
    const kinds = Array.from({ length: 5 }, () => faults.decide(...GET));
    expect(kinds.map((k) => k.kind)).toEqual(["drop", "storm", "error", "error", undefined]);
    expect(kinds.every((k) => k.latencyMs === 5)).toBe(true);
    expect(faults.current()).toMatchObject({ dropBurst: undefined, rateLimitStorm: undefined, errorBurst: undefined });
  });

  it("a lost-response burst applies and loses exactly the next N answers", () => {
    const faults = faultsDrawing();
    faults.set({ lostResponseBurst: { count: 1 }, lostResponseAs: 502 });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 0, loseResponse: 502 });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 0 });
    expect(faults.current().lostResponseBurst).toBeUndefined();
  });

  it("a seed makes the rate draws repeat: the same requests meet the same faults", () => {
    const config = { seed: 13, errorRate: 0.2, dropRate: 0.1, latencySpike: { rate: 0.3, ms: 40 } };
    const run = () => {
      const faults = new Faults(() => {
        throw new Error("a seeded config must not draw from the unseeded source");
      });
      faults.set(config);
      return Array.from({ length: 200 }, () => faults.decide(...GET));
    };
    const first = run();
    expect(run()).toEqual(first);
    // The draws are spread like the rates say (seeded, so these counts are fixed, not flaky).
    const errors = first.filter((a) => a.kind === "error").length;
    const spikes = first.filter((a) => a.spikeMs === 40).length;
    expect(errors).toBeGreaterThan(20);
    expect(errors).toBeLessThan(60);
    expect(spikes).toBeGreaterThan(40);
    expect(spikes).toBeLessThan(80);
    expect(first.filter((a) => a.spikeMs).every((a) => a.latencyMs === 40)).toBe(true);
  });

  it("a latency spike adds to the constant latency, on its share of requests only", () => {
    const faults = faultsDrawing(0.1, 0.9);
    faults.set({ latencyMs: 5, latencySpike: { rate: 0.5, ms: 100 } });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 105, spikeMs: 100 });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 5 });
  });

  it("leaves other routes alone, and their requests do not use up a burst", () => {
    const faults = faultsDrawing();
    faults.set({ errorBurst: { count: 1 }, routes: ["POST /v1/convai/agents"] });
    expect(faults.decide(...GET)).toEqual({ latencyMs: 0 });
    expect(faults.decide("POST", "/v1/convai/agents").kind).toBe("error");
    expect(faults.decide("POST", "/v1/convai/agents").kind).toBeUndefined();
  });
});
