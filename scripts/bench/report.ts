/**
 * Turns the raw numbers of a stack benchmark into the Markdown tables and the chart the README
 * shows. The chart is a Vega-Lite spec rendered to SVG by Vega without a browser.
 */
import type { TopLevelSpec } from "vega-lite" with { "resolution-mode": "import" };
import {
  type BenchResults,
  type Measurement,
  median,
  OPERATIONS,
  type Operation,
  PASS_TITLES,
  PASSES,
  type Pass,
  type Sample,
} from "./results";

export interface Row {
  pass: Pass;
  n: number;
  op: Operation;
  repeats: number;
  engineS: number;
  baselineS?: number;
  /** engine ÷ baseline wall time */
  ratio?: number;
  engineCalls: number;
  baselineCalls?: number;
  status429: number;
  /** Calls per route of the first repeat (they do not vary between repeats of the same N). */
  byRoute: Record<string, number>;
  peakMiB?: number;
  /** calls ÷ rate, in seconds (rate-limited pass). */
  lowerBoundS?: number;
}

/** One row per pass, N and operation: medians over the repeats. */
export function summarize(results: BenchResults): Row[] {
  const groups = new Map<string, Sample[]>();
  for (const s of results.samples) {
    const key = `${s.pass}|${s.n}|${s.op}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const rows: Row[] = [];
  for (const samples of groups.values()) {
    const { pass, n, op } = samples[0] as Sample;
    const engineS = median(samples.map((s) => s.engine.wallS));
    const baselines = samples.flatMap((s) => (s.baseline ? [s.baseline] : []));
    const baselineS = baselines.length ? median(baselines.map((b) => b.wallS)) : undefined;
    const engineCalls = median(samples.map((s) => s.engine.calls));
    const peaks = samples.flatMap((s) => (s.engine.peakMiB === undefined ? [] : [s.engine.peakMiB]));
    rows.push({
      pass,
      n,
      op,
      repeats: samples.length,
      engineS,
      baselineS,
      ratio: baselineS ? engineS / baselineS : undefined,
      engineCalls,
      baselineCalls: baselines.length ? median(baselines.map((b) => b.calls)) : undefined,
      status429: median(samples.map((s) => s.engine.byStatus["429"] ?? 0)),
      byRoute: (samples[0] as Sample).engine.byRoute,
      peakMiB: peaks.length ? median(peaks) : undefined,
      lowerBoundS: pass === "ratelimit" ? (engineCalls / results.rateLimit) * 60 : undefined,
    });
  }
  const order = (r: Row) => PASSES.indexOf(r.pass) * 1e6 + r.n * 10 + OPERATIONS.indexOf(r.op);
  return rows.sort((a, b) => order(a) - order(b));
}

const s = (x: number | undefined, digits = 2) => (x === undefined ? "—" : x.toFixed(digits));
const routes = (byRoute: Measurement["byRoute"]) =>
  Object.entries(byRoute)
    .sort(([, a], [, b]) => b - a)
    .map(([route, n]) => `${route.replace("/v1/convai", "")} ×${n}`)
    .join(", ") || "none";

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * Before → after, for a change meant to cut a cost: each operation's median wall time and calls,
 * for the passes and sizes both runs have.
 */
export function comparisonSection(before: BenchResults, after: BenchResults): string {
  const old = summarize(before);
  const rows = summarize(after).flatMap((r) => {
    const b = old.find((o) => o.pass === r.pass && o.n === r.n && o.op === r.op);
    if (!b) return [];
    return [
      [
        PASS_TITLES[r.pass],
        r.n,
        r.op,
        `${s(b.engineS, 1)} → ${s(r.engineS, 1)}`,
        `${s(b.engineS / r.engineS, 2)}×`,
        `${b.engineCalls} → ${r.engineCalls}`,
        b.ratio === undefined ? "—" : `${s(b.ratio, 1)}× → ${s(r.ratio, 1)}×`,
        `${b.status429} → ${r.status429}`,
      ],
    ];
  });
  return [
    `## Before → after (before: commit ${before.commit}, ${before.startedAt})`,
    "",
    table(["pass", "N", "operation", "wall s", "speed-up", "API calls", "provider ÷ baseline", "429s"], rows),
  ].join("\n");
}

/** The Markdown report; `svgName` is the chart's file name, linked from it; `before` adds a comparison. */
export function markdownReport(results: BenchResults, svgName: string, before?: BenchResults): string {
  const rows = summarize(results);
  const passes = [...new Set(rows.map((r) => r.pass))];
  const sizes = [...new Set(rows.map((r) => r.n))];
  const repeats = Math.max(...rows.map((r) => r.repeats));
  const loads = results.loadAverages.map((l) => l.loadavg[0] as number);
  const parts = [
    "# Stack benchmark",
    "",
    `Run ${results.startedAt} – ${results.finishedAt}, commit ${results.commit}, Node ${results.node}, engine ${results.engine}. ` +
      `Command: \`npm run bench -- --only stack --sizes ${sizes.join(",")} --passes ${passes.join(",")} --repeat ${repeats}\`. ` +
      `Load average (1 min) at the start of each pass and size: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} ` +
      "(2-core machine shared with other work: wall times are noisy; times are medians of the repeats).",
    "",
    "Each stack has, per 10 resources, 3 tools, 4 agents (each allowed two tools) and 3 text documents " +
      "(each in one agent's knowledge base; the emulator keeps a document `processing` for 300 ms). " +
      "`update` changes the first message of every agent. The baseline makes the same creates, reads, " +
      "updates and deletes with plain undici calls, 8 in flight (the engine's default `--parallel` and the " +
      "provider's limiter), in the same dependency order; it has no no-op preview to compare with.",
    "",
    `![chart](${svgName})`,
  ];
  for (const pass of passes) {
    const of = rows.filter((r) => r.pass === pass);
    parts.push("", `## ${PASS_TITLES[pass]}`, "");
    if (pass === "ratelimit") {
      parts.push(
        `Lower bound: the operation's API calls ÷ ${results.rateLimit}/min. The emulator's window is fixed, so a burst of up to ${results.rateLimit} calls may beat it.`,
        "",
        table(
          ["N", "operation", "wall s", "API calls", "lower bound s", "wall ÷ lower bound", "429s", "calls by route"],
          of.map((r) => [
            r.n,
            r.op,
            s(r.engineS, 1),
            r.engineCalls,
            s(r.lowerBoundS, 1),
            r.lowerBoundS ? s(r.engineS / r.lowerBoundS) : "—",
            r.status429,
            routes(r.byRoute),
          ]),
        ),
      );
    } else {
      parts.push(
        table(
          [
            "N",
            "operation",
            "provider s",
            "baseline s",
            "provider ÷ baseline",
            "API calls (provider / baseline)",
            "429s",
            "provider peak MiB",
            "provider calls by route",
          ],
          of.map((r) => [
            r.n,
            r.op,
            s(r.engineS),
            s(r.baselineS),
            r.ratio === undefined ? "—" : `${s(r.ratio, 1)}×`,
            `${r.engineCalls} / ${r.baselineCalls ?? "—"}`,
            r.status429,
            s(r.peakMiB, 0),
            routes(r.byRoute),
          ]),
        ),
      );
    }
  }
  parts.push("", "## Cost per resource", "");
  const perResource = results.state.map((st) => {
    const up = rows.find((r) => r.pass === st.pass && r.n === st.n && r.op === "up");
    const peak = Math.max(...rows.filter((r) => r.pass === st.pass && r.n === st.n).map((r) => r.peakMiB ?? 0));
    return [
      PASS_TITLES[st.pass],
      st.n,
      up ? s((up.engineS / st.n) * 1000, 0) : "—",
      up?.baselineS === undefined ? "—" : s((up.baselineS / st.n) * 1000, 0),
      up ? s(up.engineCalls / st.n) : "—",
      st.providerBytes,
      st.stateBytesPerResource,
      s(peak, 0),
    ];
  });
  parts.push(
    table(
      [
        "pass",
        "N",
        "up ms per resource",
        "baseline ms per resource",
        "up API calls per resource",
        "`__provider` bytes",
        "state bytes per resource",
        "provider peak MiB",
      ],
      perResource,
    ),
  );
  if (before) parts.push("", comparisonSection(before, results));
  return `${parts.join("\n")}\n`;
}

/** Vega-Lite: provider ÷ baseline (or ÷ the lower bound when rate limited) per operation and N, one panel per pass. */
export function chartSpec(results: BenchResults): TopLevelSpec {
  const values = summarize(results).flatMap((r) => {
    const ratio = r.pass === "ratelimit" ? (r.lowerBoundS ? r.engineS / r.lowerBoundS : undefined) : r.ratio;
    const panel =
      r.pass === "ratelimit" ? `${PASS_TITLES[r.pass]}: ÷ lower bound` : `${PASS_TITLES[r.pass]}: ÷ baseline`;
    return ratio === undefined ? [] : [{ panel, n: `N=${r.n}`, op: r.op, ratio: Number(ratio.toFixed(2)) }];
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "pulumi-elevenlabs: wall time of each operation, relative (1 = as fast as the reference)",
    data: { values },
    facet: { column: { field: "panel", type: "nominal", title: null, sort: [...new Set(values.map((v) => v.panel))] } },
    spec: {
      width: 220,
      height: 220,
      layer: [
        {
          mark: "bar",
          encoding: {
            x: { field: "op", type: "nominal", title: null, sort: [...OPERATIONS] },
            xOffset: { field: "n", type: "nominal", sort: values.map((v) => v.n) },
            // Ratios span 1 to several hundred (a 3-second engine start against a 10 ms baseline).
            y: { field: "ratio", type: "quantitative", title: "time ÷ reference (log scale)", scale: { type: "log" } },
            color: { field: "n", type: "nominal", title: "stack size", sort: values.map((v) => v.n) },
          },
        },
        { mark: { type: "rule", strokeDash: [4, 4], color: "black" }, encoding: { y: { datum: 1 } } },
      ],
    },
    config: { font: "sans-serif" },
  };
}

export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  // ES modules only: loaded when a chart is drawn.
  const vega = await import("vega");
  const vegaLite = await import("vega-lite");
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export async function renderReport(
  results: BenchResults,
  svgName: string,
  before?: BenchResults,
): Promise<{ markdown: string; svg: string }> {
  return { markdown: markdownReport(results, svgName, before), svg: await chartSvg(chartSpec(results)) };
}

export const README_START = "<!-- bench:latest:start (written by npm run bench) -->";
export const README_END = "<!-- bench:latest:end -->";

/**
 * `readme` with the report between the markers, headings moved below the README's own section
 * and the chart linked from the README's directory. Unchanged when the markers are missing.
 */
export function embedInReadme(readme: string, markdown: string, svgPath: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return readme;
  const body = markdown
    .replace(/^# .*\n\n/, "")
    .replace(/^## /gm, "#### ")
    .replace(/!\[chart\]\([^)]*\)/, `![benchmark chart](${svgPath})`);
  return `${readme.slice(0, start + README_START.length)}\n${body}${readme.slice(end)}`;
}
