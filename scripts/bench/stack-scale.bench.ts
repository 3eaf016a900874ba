import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { it } from "vitest";
import { pointStackAt } from "../../test/e2e/harness/emulator";
import { PulumiProject } from "../../test/e2e/harness/pulumi-project";
import { TestEmulator } from "../../test/support/test-emulator";
import { Baseline } from "./baseline";
import { ProviderMemory } from "./provider-memory";
import { embedInReadme, renderReport } from "./report";
import { type BenchResults, type Measurement, type Operation, PASSES, type Pass } from "./results";
import { programFor, resourceCount, stackShape } from "./stack-shape";

/**
 * Scale benchmark (issue 13): generated stacks of N resources through the real engine against
 * the emulator, next to a plain-HTTP baseline of the same calls. Selected by scripts/bench/run.mjs
 * through BENCH_SIZES, BENCH_PASSES, BENCH_REPEAT and BENCH_OUT; writes `<BENCH_OUT>.{json,md,svg}`.
 */
const repo = join(__dirname, "../..");
const sizes = (process.env.BENCH_SIZES ?? "10,50,100").split(",").map(Number);
const passes = (process.env.BENCH_PASSES ?? PASSES.join(",")).split(",") as Pass[];
const repeats = Number(process.env.BENCH_REPEAT ?? 1);
/** The results the README shows (it is updated when a run writes them). */
const DEFAULT_OUT = "bench/results/latest";
const out = resolve(repo, process.env.BENCH_OUT ?? DEFAULT_OUT);
const RATE_LIMIT = 100;
const LATENCY_MS = 50;
/** The emulator's default processing time of a document; the provider and the baseline both poll. */
const KB_PROCESSING_MS = 300;

for (const p of passes) if (!PASSES.includes(p)) throw new Error(`unknown pass "${p}"; passes: ${PASSES.join(", ")}`);

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
const git = (args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
const progress = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function measure(emu: TestEmulator, op: () => Promise<unknown>, projectDir?: string): Promise<Measurement> {
  await emu.resetStats();
  const memory = projectDir ? new ProviderMemory(projectDir) : undefined;
  const t0 = performance.now();
  await op();
  const wallS = (performance.now() - t0) / 1000;
  const peakMiB = memory?.stop();
  const stats = await emu.stats();
  return { wallS, calls: stats.total, byRoute: stats.byRoute, byStatus: stats.byStatus, peakMiB };
}

/** A previous run's JSON: the report then compares with it (before → after). */
const before = process.env.BENCH_COMPARE
  ? (JSON.parse(readFileSync(resolve(repo, process.env.BENCH_COMPARE), "utf8")) as BenchResults)
  : undefined;

it(
  "measures stacks of N resources against a plain-HTTP baseline",
  async () => {
    if (process.env.BENCH_RENDER_ONLY) {
      await write(JSON.parse(readFileSync(`${out}.json`, "utf8")) as BenchResults);
      return;
    }
    const results: BenchResults = {
      startedAt: new Date().toISOString(),
      finishedAt: "",
      commit: `${git(["rev-parse", "--short", "HEAD"])}${git(["status", "--porcelain", "--", ".", ":!bench/results", ":!README.md"]) ? " (with uncommitted changes)" : ""}`,
      node: process.version,
      engine: "",
      loadAverages: [],
      rateLimit: RATE_LIMIT,
      latencyMs: LATENCY_MS,
      samples: [],
      state: [],
    };
    for (const pass of passes) {
      for (const n of sizes) {
        const shape = stackShape(n);
        results.loadAverages.push({ pass, n, loadavg: loadavg() });
        const emu = await TestEmulator.start({
          rateLimit: pass === "ratelimit" ? RATE_LIMIT : 0,
          kbProcessingDelayMs: KB_PROCESSING_MS,
        });
        if (pass === "latency") await emu.setFaults({ latencyMs: LATENCY_MS });
        const project = await PulumiProject.create(`bench-${pass}-${n}`, programFor(shape, 0));
        await pointStackAt(project, emu);
        results.engine ||= (await project.pulumi(["version"])).stdout.trim();
        // The rate-limited pass takes minutes by nature (calls ÷ 100/min): once is enough.
        const times = pass === "ratelimit" ? 1 : repeats;
        for (let repeat = 0; repeat < times; repeat++) {
          const label = `${pass} N=${n}${times > 1 ? ` #${repeat + 1}/${times}` : ""}`;
          const engineOps: [Operation, () => Promise<unknown>][] = [
            ["up", () => project.up()],
            ["preview", () => project.preview()],
            ["preview --refresh", () => project.preview(["--refresh"])],
            [
              "update",
              () => {
                project.writeProgram(programFor(shape, 1));
                return project.up();
              },
            ],
            ["destroy", () => project.destroy()],
          ];
          const engine = new Map<Operation, Measurement>();
          for (const [op, run] of engineOps) {
            progress(`${label}: engine ${op} (load ${loadavg().join(" ")})`);
            engine.set(op, await measure(emu, run, project.dir));
            const m = engine.get(op) as Measurement;
            progress(
              `${label}: engine ${op}: ${m.wallS.toFixed(1)} s, ${m.calls} calls, 429s ${m.byStatus["429"] ?? 0}`,
            );
            if (op === "up" && repeat === 0) {
              const { raw, deployment } = await project.stackExport();
              const ours = (deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
              results.state.push({
                pass,
                n,
                providerBytes: Math.max(...ours.map((r) => String(r.inputs?.__provider ?? "").length)),
                stateBytesPerResource: Math.round(raw.length / resourceCount(shape)),
              });
            }
          }
          project.writeProgram(programFor(shape, 0));
          const baseline = new Map<Operation, Measurement>();
          if (pass !== "ratelimit") {
            const plain = new Baseline(emu.baseUrl, emu.apiKey, shape);
            progress(`${label}: baseline`);
            baseline.set("up", await measure(emu, () => plain.create()));
            baseline.set("preview --refresh", await measure(emu, () => plain.readAll()));
            baseline.set("update", await measure(emu, () => plain.updateAgents(1)));
            baseline.set("destroy", await measure(emu, () => plain.destroy()));
            await plain.close();
          }
          for (const [op, m] of engine)
            results.samples.push({ pass, n, repeat, op, engine: m, baseline: baseline.get(op) });
        }
        await emu.close();
        // After every size, so a run stopped half-way still leaves its numbers.
        results.finishedAt = new Date().toISOString();
        const markdown = await write(results);
        if (pass === passes.at(-1) && n === sizes.at(-1)) console.log(markdown);
      }
    }
    // The rate-limited pass alone takes several minutes per size; no run should be cut short.
  },
  6 * 3_600_000,
);

async function write(results: BenchResults): Promise<string> {
  mkdirSync(join(out, ".."), { recursive: true });
  writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 2)}\n`);
  const { markdown, svg } = await renderReport(results, `${out.split("/").pop()}.svg`, before);
  writeFileSync(`${out}.md`, markdown);
  writeFileSync(`${out}.svg`, svg);
  progress(`wrote ${out}.{json,md,svg}`);
  if (out === resolve(repo, DEFAULT_OUT)) {
    const readme = join(repo, "README.md");
    writeFileSync(readme, embedInReadme(readFileSync(readme, "utf8"), markdown, `${DEFAULT_OUT}.svg`));
  }
  return markdown;
}
