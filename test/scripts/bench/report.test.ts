import { describe, expect, it } from "vitest";
import {
  chartSpec,
  chartSvg,
  comparisonSection,
  embedInReadme,
  markdownReport,
  README_END,
  README_START,
  summarize,
} from "../../../scripts/bench/report";
import type { BenchResults, Measurement, Sample } from "../../../scripts/bench/results";

const m = (wallS: number, calls: number, extra: Partial<Measurement> = {}): Measurement => ({
  wallS,
  calls,
  byRoute: { "POST /v1/convai/agents": calls },
  byStatus: { "200": calls },
  ...extra,
});

/** Two repeats of a plain pass at N=10 and one rate-limited run: made-up numbers, so every figure is known. */
const results: BenchResults = {
  startedAt: "2026-12-01T10:00:00.000Z",
  finishedAt: "2026-12-01T10:05:00.000Z",
  commit: "abc1234",
  node: "v24.21.0",
  engine: "v3.276.0",
  loadAverages: [{ pass: "plain", n: 10, loadavg: [1.5, 1, 1] }],
  rateLimit: 100,
  latencyMs: 50,
  samples: [
    ...[0, 1, 2].map(
      (repeat): Sample => ({
        pass: "plain",
        n: 10,
        repeat,
        op: "up",
        engine: m([4, 6, 5][repeat] as number, 24, { peakMiB: 150 + repeat }),
        baseline: m(0.5, 19),
      }),
    ),
    { pass: "plain", n: 10, repeat: 0, op: "preview", engine: m(3, 0) },
    {
      pass: "ratelimit",
      n: 10,
      repeat: 0,
      op: "up",
      engine: m(180, 200, { byStatus: { "200": 200, "429": 3 } }),
    },
  ],
  state: [{ pass: "plain", n: 10, providerBytes: 596, stateBytesPerResource: 5000 }],
};

describe("the scale benchmark's report", () => {
  it("takes medians over repeats and divides by the baseline and by the rate's lower bound", () => {
    const rows = summarize(results);
    const up = rows.find((r) => r.pass === "plain" && r.op === "up");
    expect(up).toMatchObject({ repeats: 3, engineS: 5, baselineS: 0.5, ratio: 10, peakMiB: 151 });
    expect(rows.find((r) => r.op === "preview")).toMatchObject({ baselineS: undefined, ratio: undefined });
    // 200 calls at 100/min cannot take less than 120 s.
    expect(rows.find((r) => r.pass === "ratelimit")).toMatchObject({ lowerBoundS: 120, status429: 3 });
    expect(rows.map((r) => `${r.pass} ${r.op}`)).toEqual(["plain up", "plain preview", "ratelimit up"]);
  });

  it("writes the tables, the command that repeats them and the load the machine was under", () => {
    const md = markdownReport(results, "latest.svg");
    expect(md).toContain("--sizes 10 --passes plain,ratelimit --repeat 3");
    expect(md).toContain("1.50–1.50");
    expect(md).toContain("| 10 | up | 5.00 | 0.50 | 10.0× | 24 / 19 | 0 | 151 |");
    expect(md).toContain("| 10 | up | 180.0 | 200 | 120.0 | 1.50 | 3 |");
    expect(md).toContain("| rate limit off | 10 | 500 | 50 | 2.40 | 596 | 5000 | 151 |");
    expect(md).toContain("![chart](latest.svg)");
  });

  it("draws the ratios as an SVG chart with one panel per pass", async () => {
    const spec = chartSpec(results);
    expect((spec as { data: { values: unknown[] } }).data.values).toEqual([
      { panel: "rate limit off: ÷ baseline", n: "N=10", op: "up", ratio: 10 },
      { panel: "rate limit 100/min: ÷ lower bound", n: "N=10", op: "up", ratio: 1.5 },
    ]);
    const svg = await chartSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("rate limit 100/min: ÷ lower bound");
    expect(svg).toContain("N=10");
  });

  it("replaces what stands between the README's markers, and leaves a README without them alone", () => {
    const md = markdownReport(results, "latest.svg");
    const readme = `# Title\n\n## Benchmark\n\n${README_START}\nold table\n${README_END}\n\n## Next\n`;
    const embedded = embedInReadme(readme, md, "bench/results/latest.svg");
    expect(embedded).not.toContain("old table");
    expect(embedded).not.toContain("# Stack benchmark");
    expect(embedded).toContain("#### rate limit off\n");
    expect(embedded).toContain("![benchmark chart](bench/results/latest.svg)");
    expect(embedded.endsWith(`${README_END}\n\n## Next\n`)).toBe(true);
    expect(embedInReadme(embedded, md, "bench/results/latest.svg")).toBe(embedded);
    expect(embedInReadme("# no markers\n", md, "x.svg")).toBe("# no markers\n");
  });

  it("compares with an earlier run: wall time, speed-up, calls and ratio of each operation both have", () => {
    const slower: BenchResults = {
      ...results,
      commit: "old0001",
      samples: results.samples.map((x) => ({
        ...x,
        engine: { ...x.engine, wallS: x.engine.wallS * 2, calls: x.engine.calls + 6 },
      })),
    };
    const section = comparisonSection(slower, results);
    expect(section).toContain("commit old0001");
    expect(section).toContain("| rate limit off | 10 | up | 10.0 → 5.0 | 2.00× | 30 → 24 | 20.0× → 10.0× | 0 → 0 |");
    expect(markdownReport(results, "x.svg", slower)).toContain(section);
  });
});
