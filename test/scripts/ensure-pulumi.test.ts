import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json";

const run = promisify(execFile);
const script = resolve(__dirname, "../../scripts/ensure-pulumi");
const version = packageJson.dependencies["@pulumi/pulumi"];
const scratch = mkdtempSync(join(tmpdir(), "ensure-pulumi-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the script with an empty engine cache and only the given directories (plus node's and the basics) on PATH. */
async function ensurePulumi(pathDirs: string[], env: Record<string, string> = {}) {
  const cache = mkdtempSync(join(scratch, "cache-"));
  const PATH = [...pathDirs, dirname(process.execPath), "/usr/bin", "/bin"].join(":");
  try {
    const { stdout, stderr } = await run("bash", [script], {
      // The rest of the environment stays: npm, asked for versions when the proxy lacks one, needs
      // the machine's registry and certificate settings.
      env: { ...process.env, PATH, XDG_CACHE_HOME: cache, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A stand-in `pulumi` that reports the given version. */
function fakePulumi(reports: string): string {
  const dir = mkdtempSync(join(scratch, "bin-"));
  writeFileSync(join(dir, "pulumi"), `#!/bin/sh\necho ${reports}\n`);
  chmodSync(join(dir, "pulumi"), 0o755);
  return dir;
}

describe("scripts/ensure-pulumi", () => {
  it("uses a pulumi on PATH whose version equals the pinned @pulumi/pulumi, and prints its directory", async () => {
    const bin = fakePulumi(`v${version}`);
    const result = await ensurePulumi([bin]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n").pop()).toBe(bin);
  });

  it("without Go, says what is missing and what to install", async () => {
    // A pulumi of another version is on PATH, so the script has to build, and there is no `go`.
    const result = await ensurePulumi([fakePulumi("v3.1.0")]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Go is not installed\. Install Go >= 1\.24 \(Debian: apt-get install golang-go/);
  });

  it("when the Go module proxy cannot serve the engine, says what failed and where to look", async () => {
    const go = dirname((await run("bash", ["-c", "command -v go"])).stdout.trim());
    const modcache = mkdtempSync(join(scratch, "modcache-"));
    const result = await ensurePulumi([go], { GOPROXY: "off", GOMODCACHE: modcache, GOFLAGS: "-modcacherw" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/could not fetch .* from the Go module proxy \(off\)/);
  }, 60_000);
});
