import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SEEDED_SECRETS, seedWorkspace, snapshotWorkspace } from "../support/seed-workspace";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const run = promisify(execFile);

const program = `
const elevenlabs = require("pulumi-elevenlabs");
const workspace = new elevenlabs.ConvaiWorkspace("pulled", { directory: "definitions" });
exports.ids = workspace.ids;
`;

/** Every file under `dir`, by relative path. */
const tree = (dir: string) =>
  Object.fromEntries(
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );

/**
 * A workspace someone built by hand (through the raw API), pulled into git with the installed
 * `pulumi-elevenlabs pull`, then deployed by a ConvaiWorkspace over the pulled files.
 */
describe("pull, then up, through the real engine", () => {
  let emu: TestEmulator;
  let project: PulumiProject;
  let firstPull: { stdout: string; stderr: string };

  const pull = () =>
    run(join(inject("e2e").workspace, "node_modules/.bin/pulumi-elevenlabs"), ["pull", "--out", "definitions"], {
      cwd: project.dir,
      env: { ...project.env, ELEVENLABS_API_KEY: emu.apiKey, ELEVENLABS_BASE_URL: emu.baseUrl },
    });

  beforeAll(async () => {
    ({ emu, project } = await startStack("pulled", program));
    await seedWorkspace(emu);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("writes one definition per object with a progress line on stderr, naming the secrets to set", async () => {
    firstPull = await pull();
    expect(firstPull.stdout).toContain("wrote 10 definitions to definitions");
    expect(firstPull.stderr).toContain(
      "pull: workspace_settings 1, workspace_secret 1, tool 2, agent 2, knowledge_base_document 1, phone_number 1, widget 2",
    );
    const files = tree(join(project.dir, "definitions"));
    expect(Object.keys(files)).toHaveLength(10);
    for (const value of Object.values(SEEDED_SECRETS)) expect(Object.values(files).join("\n")).not.toContain(value);
  });

  it("the first up adopts every object: nothing is created or deleted, no object changes", async () => {
    // The secret config keys pull listed, set to the values the workspace holds.
    const keys = [...firstPull.stdout.matchAll(/pulumi config set --secret (\S+) <value>/g)].map((m) => m[1] as string);
    const seededValue = (key: string) =>
      key === "weatherApiKey"
        ? SEEDED_SECRETS.weatherApiKey
        : key === "getWeatherAuthorization"
          ? SEEDED_SECRETS.weatherAuthorization
          : key === "settingsWebhookSecret"
            ? SEEDED_SECRETS.workspaceWebhookSecret
            : SEEDED_SECRETS.agentWebhookSecret;
    expect(keys).toHaveLength(4);
    for (const key of keys) await project.setConfig(key, seededValue(key), { secret: true });

    const before = await snapshotWorkspace(emu);
    await emu.resetStats();
    await project.up();
    const { byRoute } = await emu.stats();
    const writes = Object.keys(byRoute).filter((route) => !route.startsWith("GET "));
    // The settings singleton is written with the values it already has; nothing else is written.
    expect(writes).toEqual(["PATCH /v1/convai/workspace/settings"]);
    expect(await snapshotWorkspace(emu)).toEqual(before);
    const { ids } = (await project.outputs()) as { ids: Record<string, Record<string, string>> };
    expect(Object.keys(ids).sort()).toEqual(
      [
        "agent",
        "knowledge_base_document",
        "phone_number",
        "tool",
        "widget",
        "workspace_secret",
        "workspace_settings",
      ].sort(),
    );
  });

  it("then shows no changes, with or without a refresh", async () => {
    expect(changedSteps(await project.preview())).toEqual([]);
    expect(changedSteps(await project.preview(["--refresh"]))).toEqual([]);
  });

  it("keeps the workspace's secrets out of the state", async () => {
    const { raw } = await project.stackExport();
    for (const value of Object.values(SEEDED_SECRETS)) expect(raw).not.toContain(value);
  });

  it("a second pull writes identical files", async () => {
    const first = tree(join(project.dir, "definitions"));
    await pull();
    expect(tree(join(project.dir, "definitions"))).toEqual(first);
  });
});
