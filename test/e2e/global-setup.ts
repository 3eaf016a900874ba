import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node" with { "resolution-mode": "import" };
import { engineBin as findEngine } from "../../scripts/engine-bin.cjs";

const repo = resolve(__dirname, "../..");

/**
 * Prepares what every e2e test needs once per run: the real Pulumi engine (built from the Go
 * module proxy by scripts/ensure-pulumi, cached outside the repo) and a throwaway "user
 * workspace" that installs this package from its `npm pack` tarball, exactly as a user's
 * program gets it — compiled JavaScript, no dev-only loader. Test projects live below it.
 */
export default function setup(project: TestProject) {
  const engineBin = findEngine(repo);

  const workspace = mkdtempSync(join(tmpdir(), "pulumi-elevenlabs-e2e-"));
  const packDir = join(workspace, "pack");
  mkdirSync(packDir);
  // `npm test` has just built dist/; --ignore-scripts keeps prepack from building a second time.
  execFileSync("npm", ["pack", "--ignore-scripts", "--loglevel=error", "--pack-destination", packDir], {
    cwd: repo,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz")) as string);
  writeFileSync(
    join(workspace, "package.json"),
    JSON.stringify({
      name: "e2e-user-workspace",
      private: true,
      dependencies: { "pulumi-elevenlabs": `file:${tarball}` },
    }),
  );
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: workspace,
    stdio: ["ignore", "ignore", "inherit"],
  });

  // TypeScript programs (examples/gitops) compile with the TypeScript a user's project installs;
  // here the repo's own, found by @pulumi/pulumi from the workspace like an installed one.
  symlinkSync(join(repo, "node_modules/typescript"), join(workspace, "node_modules/typescript"));

  project.provide("e2e", { engineBin, workspace, tarball });
  return () => rmSync(workspace, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The engine's directory, the user workspace that installed the package, the packed package. */
    e2e: { engineBin: string; workspace: string; tarball: string };
  }
}
