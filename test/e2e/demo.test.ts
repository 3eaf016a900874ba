import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(__dirname, "../..");

/** `npm run demo` is what a newcomer runs first: it must deploy, and a second run must change nothing. */
describe("the demo (`npm run demo`)", () => {
  // Its own data directory and stack, so a developer's own .demo/ and `dev` stack stay untouched.
  const dir = mkdtempSync(join(tmpdir(), "pulumi-elevenlabs-demo-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DIR: dir, DEMO_STACK: `e2e-${process.pid}` };
  delete env.ELEVENLABS_API_KEY;
  delete env.ELEVENLABS_BASE_URL;
  const demo = async (...args: string[]) =>
    (await run("bash", [join(repo, "scripts/demo"), ...args], { cwd: repo, env, maxBuffer: 16 * 1024 * 1024 })).stdout;

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("deploys one of each resource and prints the objects and the widget embed code", async () => {
    const out = await demo();
    expect(out).toMatch(/\+ 10 created/);
    for (const output of [
      "agentId",
      "toolId",
      "knowledgeBaseDocumentIds",
      "phoneNumber",
      "secretId",
      "workspaceSettings",
    ]) {
      expect(out).toContain(output);
    }
    expect(out).toMatch(/demo: widget embed code\n<script src='[^']+' data-agent-id='agent_[a-z0-9]+'><\/script>/);
  });

  it("a second run is a no-op update against the same persistent emulator data", async () => {
    const out = await demo();
    expect(out).toMatch(/10 unchanged/);
    expect(out).not.toMatch(/ (created|updated|replaced|deleted)\b/);
  });

  it("`npm run demo -- destroy` removes everything", async () => {
    const out = await demo("destroy");
    expect(out).toMatch(/- 10 deleted/);
  });
});
