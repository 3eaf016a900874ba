import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../../..");
const readme = readFileSync(resolve(root, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## GitOps with YAML"), readme.indexOf("## Troubleshooting"));

/** The README's "`path`:" + code block pairs in the section: each shows a file of the repo. */
const shown = [...section.matchAll(/^`([^`\s]+)`:\n\n```\w*\n([\s\S]*?)```\n/gm)].map((m) => ({
  path: m[1] as string,
  content: m[2] as string,
}));

describe("README, GitOps with YAML", () => {
  it("shows files of the examples", () => {
    expect(shown.map((s) => s.path)).toEqual([
      "examples/gitops/index.ts",
      "examples/gitops/definitions/agents/support.yaml",
      "examples/demo/definitions/smoke-tests/support.yaml",
      "examples/gitops/definitions/secrets/weather-api-key.yaml",
      "examples/live-definitions/tools/weather.yaml",
      "examples/gitops/overlays/prod/agents/support.yaml",
      "examples/gitops/.github/workflows/drift.yml",
    ]);
  });

  it.each(shown.map((s) => [s.path, s.content]))("shows %s as it is", (path, content) => {
    expect(content).toBe(readFileSync(resolve(root, path), "utf8"));
  });
});
