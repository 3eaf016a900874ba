import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for";

const root = path.resolve(__dirname, "../..");
const cli = path.join(root, "dist/emulator/cli.js");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-crash-"));

beforeAll(() => {
  // The exit status is ignored on purpose: tsc still emits when files outside the emulator (other
  // people's, mid-edit) have type errors; what matters is that the CLI was built.
  const started = Date.now();
  spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: root,
  });
  if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < started - 1000) throw new Error(`build did not produce ${cli}`);
}, 180_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Spawns the built CLI and resolves with its URL from the first stdout line. */
async function spawnCli(
  args = ["--data-dir", dataDir, "--rate-limit", "0"],
): Promise<{ child: ChildProcess; url: string; firstLine: string }> {
  const child = spawn(process.execPath, [cli, "--port", "0", "--api-key", "k", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`cli exited with ${code}`)));
  });
  return { child, url: firstLine.replace("listening on ", ""), firstLine };
}

/** Resolves with the exit code (null after a signal), also when the child has exited already. */
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((r) => child.once("exit", (code) => r(code)));

const headers = { "xi-api-key": "k", "content-type": "application/json" };

describe("crash safety of the CLI's store", () => {
  it("keeps every acknowledged write after a SIGKILL mid-stream", async () => {
    const { child, url, firstLine } = await spawnCli();
    expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const acknowledged: string[] = [];
    let stop = false;
    // Four writers in parallel so the kill lands while appends are in flight.
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await request(`${url}/v1/convai/agents`, {
            method: "POST",
            headers,
            body: JSON.stringify({ name: `w${w}-${i}`, pad: "x".repeat(2000) }),
          });
          const body = (await res.body.json()) as { agent_id: string };
          if (res.statusCode === 200) acknowledged.push(body.agent_id);
        } catch {
          return;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    // Kill once enough writes were acknowledged; the writers keep appending, so some are in flight.
    await waitFor(() => acknowledged.length >= 20, 30_000);
    child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    await exited(child);

    const second = await spawnCli();
    try {
      const res = await request(`${second.url}/v1/convai/agents?page_size=100&page=0`, { headers });
      const total = ((await res.body.json()) as { pagination: { total_count: number } }).pagination.total_count;
      expect(total).toBeGreaterThanOrEqual(acknowledged.length);
      for (const id of acknowledged) {
        const got = await request(`${second.url}/v1/convai/agents/${id}`, { headers });
        expect(got.statusCode).toBe(200);
        await got.body.dump();
      }
    } finally {
      const done = exited(second.child);
      second.child.kill("SIGTERM");
      const code = await done;
      expect(code).toBe(0);
    }
  });

  it("loads a store whose journal ends in a torn line", async () => {
    fs.appendFileSync(
      path.join(dataDir, "journal.jsonl"),
      '{"ops":[{"op":"put","kind":"agents","id":"agent_torn","value":{"na',
    );
    const { child, url } = await spawnCli();
    try {
      const res = await request(`${url}/v1/convai/agents/agent_torn`, { headers });
      expect(res.statusCode).toBe(404);
      await res.body.dump();
    } finally {
      const done = exited(child);
      child.kill("SIGTERM");
      await done;
    }
  });
});

describe("the CLI's --profile", () => {
  it("--profile live serves the live routes, with --max-concurrent-requests; an unknown profile exits 2", async () => {
    const { child, url } = await spawnCli(["--profile", "live", "--max-concurrent-requests", "5"]);
    try {
      const created = await request(`${url}/v1/convai/agents/create`, {
        method: "POST",
        headers: { "xi-api-key": "k", "content-type": "application/json" },
        body: JSON.stringify({ conversation_config: {} }),
      });
      expect(Object.keys((await created.body.json()) as object)).toEqual(["agent_id"]);
      const seedPath = await request(`${url}/v1/convai/workspace/settings`, { headers: { "xi-api-key": "k" } });
      expect(await seedPath.body.json()).toEqual({ detail: "Not Found" });
    } finally {
      child.kill("SIGTERM");
      await exited(child);
    }
    const bad = spawnSync(process.execPath, [cli, "--profile", "staging"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--profile must be seed or live");
  });

  it("names the profile it serves, with the stack settings that reach it, on stderr (stdout stays one line)", async () => {
    for (const profile of ["seed", "live"]) {
      const child = spawn(process.execPath, [cli, "--port", "0", "--api-key", "k", "--profile", profile]);
      try {
        const [stdout, stderr] = await Promise.all(
          [child.stdout, child.stderr].map(
            (stream) => new Promise<string>((resolve) => createInterface({ input: stream }).once("line", resolve)),
          ),
        );
        const url = String(stdout).replace("listening on ", "");
        expect(stderr).toContain(`serving the ${profile} API profile`);
        expect(stderr).toContain(`elevenlabs:baseUrl ${url}`);
        expect(String(stderr).includes("elevenlabs:apiProfile live")).toBe(profile === "live");
      } finally {
        child.kill("SIGTERM");
        await exited(child);
      }
    }
  }, 120_000);
});
