import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The path of a real `node` binary of an older major version, from the npm registry: the
 * `node-<platform>-<arch>` package, the same one the `node` devDependency installs for Node 24.
 * Cached in `${XDG_CACHE_HOME:-~/.cache}/pulumi-elevenlabs/node-<major>/`, so only the first run
 * downloads it (about 4 s).
 */
export function olderNode(major: number): string {
  const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pulumi-elevenlabs", `node-${major}`);
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = join(cache, "node_modules", pkg, "bin", "node");
  if (!existsSync(bin)) {
    execFileSync(
      "npm",
      ["install", "--prefix", cache, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `${pkg}@${major}`],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  return bin;
}
