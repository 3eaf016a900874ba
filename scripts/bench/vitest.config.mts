import { defineConfig } from "vitest/config";

// `npm run bench`: measurements, not tests. Each file prints a table; none asserts a timing.
// Reuses the e2e set-up (the real engine and a packed-package workspace).
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["scripts/bench/**/*.bench.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
