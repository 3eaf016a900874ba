// @ts-check
/**
 * `npm run mutate`: StrykerJS over the modules where a silent bug costs users most (issue 14).
 * Not part of `npm test`: a full run takes tens of minutes on 2 cores. Scores per module are in
 * the README ("Mutation testing"); the HTML report lands in reports/mutation/.
 */

/** One line a module (or folder): a module that moves is a one-line edit. */
const MUTATED = [
  "provider/diff/**/*.ts",
  "provider/codec/**/*.ts",
  "provider/webhook-signature.ts",
  "provider/client/retry.ts",
  "provider/client/limiter.ts",
  "emulator/pagination.ts",
  "emulator/merge-patch.ts",
  "sdk/resource.ts",
];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: MUTATED,
  testRunner: "vitest",
  // Forks, not threads: the closure serializer behind every SDK resource needs the inspector,
  // which worker threads do not have ("Trace events are unavailable").
  vitest: { configFile: "vitest.mutate.config.mts", related: false, pool: "forks" },
  coverageAnalysis: "perTest",
  checkers: [],
  concurrency: 2,
  // Tests talk to servers on loopback; a mutant that makes a request hang must time out, not
  // stall the run, yet a busy 2-core machine must not turn slow tests into false timeouts.
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 75, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
