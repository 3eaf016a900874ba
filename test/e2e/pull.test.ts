import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ProfileName } from "../../provider/profiles/types";
import {
  LIVE_SEEDED_SECRETS,
  SEEDED_SECRETS,
  seedLiveWorkspace,
  seedWorkspace,
  snapshotLiveWorkspace,
  snapshotWorkspace,
} from "../support/seed-workspace";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const run = promisify(execFile);

// No `profile:`: the component takes the stack's (elevenlabs:apiProfile, set for a live emulator).
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

interface HandBuilt {
  profile: ProfileName;
  /** Builds the workspace through the raw API. */
  build(emu: TestEmulator): Promise<unknown>;
  /** Every object as the raw API answers it. */
  snapshot(emu: TestEmulator): Promise<Record<string, unknown>>;
  secrets: Record<string, string>;
  /** The value of each secret config key pull asks for, by the key's pattern. */
  secretValues: [RegExp, string][];
  progress: string;
  files: number;
  /** What the first `up` writes: the settings singleton, with the values it already has. */
  writes: string[];
}

/** Every kind pull writes, in both profiles (the RAG index is not an object). */
const PULLED_KINDS = [
  "agent",
  "knowledge_base_document",
  "phone_number",
  "tool",
  "widget",
  "workspace_secret",
  "workspace_settings",
];

const WORKSPACES: HandBuilt[] = [
  {
    profile: "seed",
    build: seedWorkspace,
    snapshot: snapshotWorkspace,
    secrets: SEEDED_SECRETS,
    secretValues: [
      [/^weatherApiKey$/, SEEDED_SECRETS.weatherApiKey],
      [/^getWeatherAuthorization$/, SEEDED_SECRETS.weatherAuthorization],
      [/^settingsWebhookSecret$/, SEEDED_SECRETS.workspaceWebhookSecret],
      // Named after the agent, which is customer-support or customer-support-2 by id order.
      [/^customerSupport2?WebhookSecret$/, SEEDED_SECRETS.agentWebhookSecret],
    ],
    progress:
      "pull: workspace_settings 1, workspace_secret 1, tool 2, agent 2, knowledge_base_document 1, phone_number 1, widget 2",
    files: 10,
    writes: ["PATCH /v1/convai/workspace/settings"],
  },
  {
    profile: "live",
    build: seedLiveWorkspace,
    snapshot: snapshotLiveWorkspace,
    secrets: LIVE_SEEDED_SECRETS,
    secretValues: [
      [/^weatherApiKey$/, LIVE_SEEDED_SECRETS.weatherApiKey],
      [/^getWeatherAuthorization$/, LIVE_SEEDED_SECRETS.weatherAuthorization],
      [/^settingsRequestHeadersAuthorization$/, LIVE_SEEDED_SECRETS.initiationWebhookAuthorization],
    ],
    // Documents are the workspace's, widgets their agents' (the twin agent has none).
    progress:
      "pull: workspace_settings 1, workspace_secret 1, tool 2, agent 2, knowledge_base_document 1, phone_number 1, widget 1",
    files: 9,
    writes: ["PATCH /v1/convai/settings"],
  },
];

/**
 * A workspace someone built by hand (through the raw API of each profile), pulled into git with
 * the installed `pulumi-elevenlabs pull`, then deployed by a ConvaiWorkspace over the pulled files.
 */
describe.each(WORKSPACES)("pull in the $profile API profile, then up, through the real engine", (ws) => {
  let emu: TestEmulator;
  let project: PulumiProject;
  let firstPull: { stdout: string; stderr: string };

  const pull = () =>
    run(join(inject("e2e").workspace, "node_modules/.bin/pulumi-elevenlabs"), ["pull", "--out", "definitions"], {
      cwd: project.dir,
      env: {
        ...project.env,
        ELEVENLABS_API_KEY: emu.apiKey,
        ELEVENLABS_BASE_URL: emu.baseUrl,
        ELEVENLABS_API_PROFILE: ws.profile,
      },
    });

  beforeAll(async () => {
    ({ emu, project } = await startStack(`pulled-${ws.profile}`, program, { profile: ws.profile }));
    await ws.build(emu);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("writes one definition per object with a progress line on stderr, naming the secrets to set", async () => {
    firstPull = await pull();
    expect(firstPull.stdout).toContain(`wrote ${ws.files} definitions to definitions`);
    expect(firstPull.stderr).toContain(ws.progress);
    const files = tree(join(project.dir, "definitions"));
    expect(Object.keys(files)).toHaveLength(ws.files);
    for (const value of Object.values(ws.secrets)) expect(Object.values(files).join("\n")).not.toContain(value);
    const schema = ws.profile === "seed" ? "schemas/agent.schema.json" : `schemas/${ws.profile}/agent.schema.json`;
    expect(files["agents/customer-support.yaml"]).toContain(schema);
  });

  it("the first up adopts every object: nothing is created or deleted, no object changes", async () => {
    // The secret config keys pull listed, set to the values the workspace holds.
    const keys = [...firstPull.stdout.matchAll(/pulumi config set --secret (\S+) <value>/g)].map((m) => m[1] as string);
    const values = keys.map((key) => ws.secretValues.find(([pattern]) => pattern.test(key))?.[1]);
    expect(values).toHaveLength(ws.secretValues.length);
    expect(new Set(values)).toEqual(new Set(ws.secretValues.map(([, value]) => value)));
    for (const [i, key] of keys.entries()) await project.setConfig(key, values[i] as string, { secret: true });

    const before = await ws.snapshot(emu);
    await emu.resetStats();
    await project.up();
    const { byRoute } = await emu.stats();
    expect(Object.keys(byRoute).filter((route) => !route.startsWith("GET "))).toEqual(ws.writes);
    expect(await ws.snapshot(emu)).toEqual(before);
    const { ids } = (await project.outputs()) as { ids: Record<string, Record<string, string>> };
    expect(Object.keys(ids).sort()).toEqual(PULLED_KINDS);
  });

  it("then shows no changes, with or without a refresh", async () => {
    expect(changedSteps(await project.preview())).toEqual([]);
    expect(changedSteps(await project.preview(["--refresh"]))).toEqual([]);
  });

  it("keeps the workspace's secrets out of the state", async () => {
    const { raw } = await project.stackExport();
    for (const value of Object.values(ws.secrets)) expect(raw).not.toContain(value);
  });

  it("a second pull writes identical files", async () => {
    const first = tree(join(project.dir, "definitions"));
    await pull();
    expect(tree(join(project.dir, "definitions"))).toEqual(first);
  });
});
