import { execFile } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json";

const run = promisify(execFile);
const repo = resolve(__dirname, "../..");
const script = join(repo, "scripts/ensure-pulumi");
/** What `npm ci` installed from the lock: the engine version the script must build. */
const installed: string = JSON.parse(
  readFileSync(join(repo, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
).version;
const scratch = mkdtempSync(join(tmpdir(), "ensure-pulumi-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs the script (of this repo, or of `scriptRepo`) with an empty engine cache and only the given
 * directories (plus node's and the basics) on PATH.
 */
async function ensurePulumi(
  pathDirs: string[],
  env: Record<string, string> = {},
  args: string[] = [],
  scriptRepo = repo,
) {
  const cache = mkdtempSync(join(scratch, "cache-"));
  const PATH = [...pathDirs, dirname(process.execPath), "/usr/bin", "/bin"].join(":");
  try {
    const { stdout, stderr } = await run("bash", [join(scriptRepo, "scripts/ensure-pulumi"), ...args], {
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

/** A stand-in `pulumi` whose `pulumi version` runs the given shell command. */
function fakePulumi(versionCommand: string): string {
  const dir = mkdtempSync(join(scratch, "bin-"));
  writeFileSync(join(dir, "pulumi"), `#!/bin/sh\n${versionCommand}\n`);
  chmodSync(join(dir, "pulumi"), 0o755);
  return dir;
}

/** A copy of the repo's script in a scratch "repo" with this package.json and, if given, this installed @pulumi/pulumi. */
function scratchRepo(dependencyRange: string, installedVersion?: string): string {
  const dir = mkdtempSync(join(scratch, "repo-"));
  mkdirSync(join(dir, "scripts"));
  copyFileSync(script, join(dir, "scripts/ensure-pulumi"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "scratch", dependencies: { "@pulumi/pulumi": dependencyRange } }),
  );
  if (installedVersion) {
    const pkg = join(dir, "node_modules/@pulumi/pulumi");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "@pulumi/pulumi", version: installedVersion }));
    // The script compares versions with the semver that @pulumi/pulumi depends on.
    symlinkSync(join(repo, "node_modules/semver"), join(dir, "node_modules/semver"));
  }
  return dir;
}

/** The newest version that npm publishes and the Go module proxy serves, found here independently of the script. */
async function newestCommonVersion(): Promise<string> {
  const onProxy = (
    await run("go", ["list", "-m", "-versions", "github.com/pulumi/pulumi/pkg/v3"], { cwd: scratch })
  ).stdout
    .trim()
    .split(" ")
    .slice(1)
    .map((v) => v.slice(1));
  const onNpm: string[] = JSON.parse((await run("npm", ["view", "@pulumi/pulumi", "versions", "--json"])).stdout);
  const common = onProxy
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && onNpm.includes(v))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  for (const v of common) {
    // Listed is not served: the proxy answers 403 for some versions' zips.
    const served = await run("go", ["mod", "download", `github.com/pulumi/pulumi/pkg/v3@v${v}`], { cwd: scratch }).then(
      () => true,
      () => false,
    );
    if (served) return v;
  }
  throw new Error("no version of @pulumi/pulumi on both npm and the Go module proxy");
}

const goDir = async () => dirname((await run("bash", ["-c", "command -v go"])).stdout.trim());

describe("scripts/ensure-pulumi", () => {
  it("package.json holds a range that users' own @pulumi/pulumi can satisfy; the lock holds one exact version", () => {
    expect(packageJson.dependencies["@pulumi/pulumi"]).toMatch(/^\^3\.\d+\.\d+$/);
    const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8"));
    expect(lock.packages["node_modules/@pulumi/pulumi"].version).toBe(installed);
  });

  it("uses a pulumi on PATH whose version equals the installed @pulumi/pulumi, and prints its directory", async () => {
    const bin = fakePulumi(`echo v${installed}`);
    const result = await ensurePulumi([bin]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n").pop()).toBe(bin);
  });

  it("takes the engine version from the installed @pulumi/pulumi, not from package.json's range", async () => {
    const dir = scratchRepo("^3.216.0", "3.999.1");
    const bin = fakePulumi("echo v3.999.1");
    const result = await ensurePulumi([bin], {}, [], dir);
    expect(result.stderr).toContain("using");
    expect(result.stdout.trim().split("\n").pop()).toBe(bin);
  });

  it("without Go, says what is missing and what to install", async () => {
    // A pulumi of another version is on PATH, so the script has to build, and there is no `go`.
    const result = await ensurePulumi([fakePulumi("echo v3.1.0")]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Go is not installed\. Install Go >= 1\.24 \(Debian: apt-get install golang-go/);
  });

  it("when the Go module proxy cannot serve the engine, says what failed and where to look", async () => {
    const modcache = mkdtempSync(join(scratch, "modcache-"));
    const result = await ensurePulumi([await goDir()], {
      GOPROXY: "off",
      GOMODCACHE: modcache,
      GOFLAGS: "-modcacherw",
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/could not fetch .* from the Go module proxy \(off\)/);
  }, 60_000);

  it("--pin never lowers the range's floor: a newest common version below it is an error and package.json stays as it was", async () => {
    const dir = scratchRepo("^4.0.0", "4.0.0");
    const result = await ensurePulumi([await goDir()], {}, ["--pin"], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /the newest version on both the Go module proxy and npm, 3\.\d+\.\d+, is below the range '\^4\.0\.0'/,
    );
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies["@pulumi/pulumi"]).toBe("^4.0.0");
  }, 60_000);

  it("--pin moves the lock to the newest version on both the Go module proxy and npm, keeps the range, and builds that engine", async () => {
    const dir = scratchRepo("^3.216.0", "3.216.0");
    // Stands in for the build: reports whatever @pulumi/pulumi is installed when the script asks.
    const bin = fakePulumi(`node -p "'v' + require('${dir}/node_modules/@pulumi/pulumi/package.json').version"`);
    const result = await ensurePulumi([await goDir(), bin], {}, ["--pin"], dir);
    expect(result.code, result.stderr).toBe(0);
    const newest = await newestCommonVersion();
    const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
    expect(lock.packages["node_modules/@pulumi/pulumi"].version).toBe(newest);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies["@pulumi/pulumi"]).toBe("^3.216.0");
    expect(result.stderr).toContain(`using ${bin}/pulumi (v${newest})`);
  }, 180_000);
});
