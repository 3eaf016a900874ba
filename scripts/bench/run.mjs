// `npm run bench [-- options]`: every benchmark, one after the other (the package is built first).
//   --only emulator,conversation,client,smoke,calls,stack   which benches (default: all)
//   --sizes 10,50,100                          stack sizes of the scale bench (multiples of 10)
//   --passes plain,ratelimit,latency           passes of the scale bench
//   --repeat 1                                 repeats of the plain and latency passes (medians reported)
//   --out bench/results/latest                 where the scale bench writes .json, .md and .svg
//   --compare bench/results/before.json        adds a before → after table against that run
//   --render-only                              only redraw <out>.md/.svg (and the README) from <out>.json
// Quick run: npm run bench -- --only stack --sizes 10 --passes plain --out /tmp/bench-quick
// (the default --out also rewrites the README's benchmark section)
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "emulator,conversation,client,smoke,calls,stack" },
    sizes: { type: "string", default: "10,50,100" },
    passes: { type: "string", default: "plain,ratelimit,latency" },
    repeat: { type: "string", default: "1" },
    out: { type: "string", default: "bench/results/latest" },
    compare: { type: "string" },
    "render-only": { type: "boolean", default: false },
  },
});
const only = new Set(values.only.split(","));
const repo = join(import.meta.dirname, "../..");
const vitest = join(repo, "node_modules/.bin/vitest");
const benches = {
  emulator: ["node", ["scripts/bench-emulator.mjs"]],
  conversation: ["node", ["scripts/bench-conversation.mjs"]],
  client: ["node", ["scripts/bench-conversation-client.mjs"]],
  smoke: ["node", ["scripts/bench-smoke-test.mjs"]],
  calls: [vitest, ["run", "--config", "scripts/bench/vitest.config.mts", "scripts/bench/stack-api-calls.bench.ts"]],
  stack: [vitest, ["run", "--config", "scripts/bench/vitest.config.mts", "scripts/bench/stack-scale.bench.ts"]],
};
for (const name of only) {
  if (!benches[name]) throw new Error(`unknown bench "${name}"; known: ${Object.keys(benches).join(", ")}`);
}
const env = {
  ...process.env,
  BENCH_SIZES: values.sizes,
  BENCH_PASSES: values.passes,
  BENCH_REPEAT: values.repeat,
  BENCH_OUT: values.out,
  ...(values.compare ? { BENCH_COMPARE: values.compare } : {}),
  ...(values["render-only"] ? { BENCH_RENDER_ONLY: "1" } : {}),
};
for (const [name, [command, args]] of Object.entries(benches)) {
  if (!only.has(name)) continue;
  console.log(`\n=== bench: ${name} ===`);
  const { status } = spawnSync(command, args, { cwd: repo, env, stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}
