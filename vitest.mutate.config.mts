import { defineConfig } from "vitest/config";
import { unitTests } from "./vitest.config.mts";

// `npm run mutate` only: the unit project alone (no e2e, which drives the real engine on the
// built package and so never sees a mutant), minus suites that cannot reach a mutated module
// and only cost time on every dry run: the engine build script, the emulator's child processes and
// the package's file list (`npm pack`, which needs the build).
export default defineConfig({
  test: {
    ...unitTests,
    exclude: [
      ...unitTests.exclude,
      "test/scripts/**",
      "test/emulator/crash-safety.test.ts",
      "test/emulator/readme.test.ts",
    ],
  },
});
