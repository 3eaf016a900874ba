import { expect } from "vitest";
import type { StatsSnapshot } from "../../../emulator/stats";
import { waitFor } from "../../support/wait-for";
import { describeDeployUnderFault } from "./deploy-under-fault";

const CREATES_BEFORE_RESTART = 8;

// The emulator is stopped in the middle of the deploy (every open connection cut, requests in
// flight lost or applied without an answer) and started again 500 ms later on the same port and
// data directory, as a service restarts. The provider's retries (connection refused is safe to
// repeat; a cut create looks for what it made) must bridge the gap within the one up.
// The engine killed mid-up (SIGKILL) is test/e2e/crash-recovery.test.ts.
describeDeployUnderFault({
  fault: "an emulator restart in the middle of the deploy",
  // Slower answers so the restart lands while creates are in flight.
  faults: { latencyMs: 100 },
  maxUps: 1,
  async during(emulator) {
    const before = await waitFor(async () => {
      const stats = await emulator.current.stats();
      const creates = Object.entries(stats.byRoute)
        .filter(([route]) => route.startsWith("POST "))
        .reduce((sum, [, n]) => sum + n, 0);
      return creates >= CREATES_BEFORE_RESTART ? stats : undefined;
    }, 120_000);
    await emulator.restart(500);
    return before;
  },
  injected: (outcome) => {
    const before = outcome.during as StatsSnapshot;
    // The restart came mid-way: the first emulator saw creates, the second one saw the rest.
    expect(before.total).toBeGreaterThan(0);
    expect(Object.keys(outcome.stats.byRoute).some((route) => route.startsWith("POST "))).toBe(true);
  },
});
