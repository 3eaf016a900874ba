import { defineConfig } from "vitest/config";

/** The `unit` project, also what `npm run mutate` (stryker.config.mjs) runs, through vitest.mutate.config.mts. */
export const unitTests = {
  name: "unit",
  include: ["test/**/*.test.ts"],
  exclude: ["test/e2e/**"],
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

// Two suites: `unit` talks to an emulator started on 127.0.0.1:0 by each test file;
// `e2e` drives the real Pulumi engine. Every e2e file has its own projects, stacks, backends and
// emulators, so files run side by side like the unit ones (much of an engine run is waiting).
export default defineConfig({
  test: {
    // Above the two cores: most of a test's time is spent waiting on engines, sockets and audio
    // paced at real time, and with two workers the machine sat at a load average of 1.5.
    maxWorkers: 3,
    projects: [
      { test: unitTests },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          globalSetup: ["test/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
