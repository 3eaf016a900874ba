import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import packageJson from "../../package.json";
import { olderNode } from "../support/older-node";
import { PulumiProject } from "./harness/pulumi-project";

const execFileP = promisify(execFile);

/** The start of the line an unsupported Node gets (the rest names where to get a newer one). */
const needs = (found: string) =>
  `pulumi-elevenlabs needs Node.js ${packageJson.engines.node}; this is Node.js ${found}. Install a newer Node.js`;

/**
 * Issue 8: on Node 20 the provider and `npx elevenlabs-emulator` crashed inside undici. The
 * installed package (the e2e workspace's, from `npm pack`) is run under real older Node binaries
 * from the npm registry: each entry point must stop with one line naming both versions.
 */
describe.each([18, 20])("on Node.js %i, older than the supported range", (major) => {
  let node: string;
  let expected: string;

  /** Runs a command with the older Node first on PATH, in the user workspace; never rejects on a non-zero exit. */
  async function run(file: string, args: string[]) {
    const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` };
    // The timeout turns a regression (an emulator that starts and keeps listening) into a failure.
    const options = { cwd: inject("e2e").workspace, env, timeout: 60_000 };
    try {
      return { code: 0, ...(await execFileP(file, args, options)) };
    } catch (err) {
      const e = err as { code?: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    node = olderNode(major);
    const found = (await execFileP(node, ["-p", "process.versions.node"])).stdout.trim();
    expect(found.split(".")[0]).toBe(String(major));
    expected = needs(found);
  });

  it("the installed elevenlabs-emulator bin exits 1 printing that one line and nothing else", async () => {
    const result = await run(join(inject("e2e").workspace, "node_modules/.bin/elevenlabs-emulator"), ["--port", "0"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.startsWith(expected)).toBe(true);
    expect(result.stderr.split("\n")).toHaveLength(2); // the line and its newline
  });

  it.each(["pulumi-elevenlabs", "pulumi-elevenlabs/provider", "pulumi-elevenlabs/emulator"])(
    "require(%j) fails with an error that is that one line, no stack of frames",
    async (entry) => {
      const result = await run(node, ["-e", `require(${JSON.stringify(entry)})`]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`Error: ${expected}`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
  );
});

describe("a Pulumi program using the package on Node.js 20", () => {
  it("fails with that one line as the program's error", async () => {
    const node = olderNode(20);
    const found = (await execFileP(node, ["-p", "process.versions.node"])).stdout.trim();
    const program = `const elevenlabs = require("pulumi-elevenlabs");\nnew elevenlabs.Agent("a", { name: "A" });\n`;
    const project = await PulumiProject.create("older-node", program);
    project.env.PATH = `${dirname(node)}:${project.env.PATH}`;
    const result = await project.pulumi(["preview"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`Error: ${needs(found)}`);
  });
});
