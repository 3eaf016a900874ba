// `npm run demo`: starts the local ConvAI emulator with a persistent data directory, deploys the
// top-level Pulumi.yaml project (examples/demo: the YAML definitions in examples/demo/definitions
// through one ConvaiWorkspace, a smoke test among them) with a local file backend, and prints the
// objects created, the widget embed code, the smoke test's report and the next commands to try.
// Everything it keeps is in .demo/ (git-ignored); running it again is a no-op update.
//
//   npm run demo                      deploy (again: no changes) and print the summary
//   npm run demo -- drift             edit the agent outside Pulumi, as someone in the dashboard would
//   npm run demo -- pull              write the workspace as YAML definitions to .demo/pulled/
//   npm run demo -- destroy           remove everything the stack made
//   npm run demo -- <pulumi args>     any pulumi command with the demo's environment (preview --diff, …)
//
// DEMO_DIR and DEMO_STACK (default .demo and dev) let a test run the demo beside a user's own;
// DEMO_DEFINITIONS points the program at another copy of the definitions.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { engineBin } from "./engine-bin.cjs";

const started = Date.now();
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const demoDir = resolve(process.env.DEMO_DIR ?? join(repo, ".demo"));
const stack = process.env.DEMO_STACK ?? "dev";
const definitions = resolve(process.env.DEMO_DEFINITIONS ?? join(repo, "examples/demo/definitions"));
const API_KEY = "demo-key";
/** Values of the definitions' secret config keys: demo-only, set on the demo's stack when missing. */
const DEMO_SECRETS = { weatherApiKey: "demo-weather-key", weatherApiAuthorization: "Bearer demo-weather-key" };
const [command, ...rest] = process.argv.slice(2);

/** A path as a person in the repo types it. */
const shown = (path) => {
  const rel = relative(repo, path);
  return rel.startsWith("..") ? path : rel;
};
const say = (line = "") => process.stdout.write(`${line}\n`);

/** The newest modification time of the TypeScript sources the build compiles. */
function newestSource() {
  let newest = 0;
  for (const dir of ["provider", "sdk", "emulator", "examples"]) {
    for (const file of readdirSync(join(repo, dir), { recursive: true })) {
      if (file.endsWith(".ts") && !file.includes("node_modules"))
        newest = Math.max(newest, statSync(join(repo, dir, file)).mtimeMs);
    }
  }
  return newest;
}
const builtSince = (time) => {
  const built = join(repo, "dist/examples/demo/index.js");
  return existsSync(built) && statSync(built).mtimeMs >= time;
};

mkdirSync(join(demoDir, "emulator-data"), { recursive: true });
mkdirSync(join(demoDir, "state"), { recursive: true });

// The program, the provider and the emulator run compiled: built when a source is newer than the build.
if (!builtSince(newestSource())) {
  say("demo: building…");
  execFileSync("npm", ["run", "-s", "build"], { cwd: repo, stdio: "inherit" });
}
const bin = engineBin(repo);

// The serialized provider requires `pulumi-elevenlabs/provider` by package name from the project
// directory, as it would in a user's project where the package is a dependency.
if (!existsSync(join(repo, "node_modules/pulumi-elevenlabs")))
  symlinkSync("..", join(repo, "node_modules/pulumi-elevenlabs"));

const emulator = await startEmulator();
let status = 1;
try {
  status = await main(emulator.url);
} finally {
  emulator.child.kill();
}
process.exit(status ?? 1);

/** The emulator on a free port, its objects kept in the demo's data directory; its request log in emulator.log. */
async function startEmulator() {
  const log = openSync(join(demoDir, "emulator.log"), "a");
  const child = spawn(
    process.execPath,
    [
      join(repo, "dist/emulator/cli.js"),
      "--port",
      "0",
      "--data-dir",
      join(demoDir, "emulator-data"),
      "--api-key",
      API_KEY,
    ],
    { stdio: ["ignore", "pipe", log] },
  );
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^listening on (\S+)$/.exec(line);
    if (match) {
      say(`demo: emulator at ${match[1]} (data in ${shown(join(demoDir, "emulator-data"))})`);
      return { child, url: match[1] };
    }
  }
  throw new Error(`demo: the emulator did not start; see ${join(demoDir, "emulator.log")}`);
}

async function main(url) {
  const env = {
    ...process.env,
    PATH: [bin, dirname(process.execPath), process.env.PATH].join(":"),
    PULUMI_HOME: join(demoDir, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${join(demoDir, "state")}`,
    // A demo-only passphrase for the local stack's secrets; use your own for real stacks.
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "elevenlabs-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The emulator picks a free port each run; the base URL goes in through the environment so the
    // stack's configuration (and so its providers) stays the same from run to run.
    ELEVENLABS_BASE_URL: `${url}/v1/convai`,
    DEMO_DEFINITIONS: definitions,
  };
  const pulumi = (args, opts = {}) =>
    spawnSync("pulumi", args, {
      cwd: repo,
      env,
      stdio: opts.capture ? ["ignore", "pipe", "inherit"] : "inherit",
      encoding: "utf8",
    });
  const must = (args, opts) => {
    const result = pulumi(args, opts);
    if (result.status !== 0) throw new Error(`demo: pulumi ${args.join(" ")} failed (exit ${result.status})`);
    return result.stdout;
  };

  must(["stack", "select", stack, "--create", "--non-interactive"], { capture: true });
  const configured = (key) => pulumi(["config", "get", key], { capture: true }).status === 0;
  for (const [key, value] of Object.entries({ "elevenlabs:apiKey": API_KEY, ...DEMO_SECRETS })) {
    if (!configured(key)) must(["config", "set", "--secret", key, value, "--non-interactive"], { capture: true });
  }

  switch (command) {
    case undefined:
      must(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-outputs"]);
      printSummary(JSON.parse(must(["stack", "output", "--json"], { capture: true })));
      return 0;
    case "drift":
      return drift(url, JSON.parse(must(["stack", "output", "--json"], { capture: true })));
    case "pull":
      return spawnSync(
        process.execPath,
        [join(repo, "dist/sdk/cli/index.js"), "pull", "--out", join(demoDir, "pulled")],
        {
          cwd: repo,
          env: { ...env, ELEVENLABS_API_KEY: API_KEY },
          stdio: "inherit",
        },
      ).status;
    case "destroy": {
      const { status } = pulumi(["destroy", "--yes", "--non-interactive", ...rest]);
      // A test's own stack goes with it; a user's `dev` stays (empty) for the next `npm run demo`.
      if (status === 0 && process.env.DEMO_STACK) must(["stack", "rm", stack, "--yes", "--non-interactive"]);
      return status;
    }
    default:
      return pulumi([command, ...rest]).status ?? 1;
  }
}

function printSummary(outputs) {
  const rows = Object.entries(outputs.ids ?? {}).flatMap(([kind, byName]) =>
    Object.entries(byName).map(([name, id]) => [kind, name, String(id)]),
  );
  const header = ["KIND", "NAME", "ID"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd();
  const file = (path) => shown(join(definitions, path));
  const demoShown = shown(demoDir);

  say();
  say(`demo: objects in the stack (from ${file("")})`);
  say(line(header));
  for (const row of rows) say(line(row));
  say();
  say("demo: widget embed code");
  say(outputs.widgetEmbedCode);
  say();
  say("demo: smoke test report (its last run: it runs again when the agent or its document changes)");
  say(String(outputs.smokeTestReport).replace(/^/gm, "  "));
  say();
  say("demo: next, try");
  say(
    `  # change a YAML field (\`stability: 0.5\` to \`stability: 0.6\` in ${file("agents/support.yaml")}), then see exactly that change:`,
  );
  say("  npm run demo -- preview --diff");
  say("  # simulate drift: edit the agent outside Pulumi, as someone in the dashboard would, then see it:");
  say("  npm run demo -- drift");
  say("  npm run demo -- preview --refresh --diff");
  say(`  # pull the workspace into YAML definitions (${demoShown}/pulled/):`);
  say("  npm run demo -- pull");
  say("  # remove everything the demo made:");
  say("  npm run demo -- destroy");
  say(`  # run it again (a no-op), or any pulumi command with the demo's environment: npm run demo -- <pulumi args>`);
  say();
  say(`demo: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** An out-of-band edit of the agent's first message through the API, as the dashboard would make it. */
async function drift(url, outputs) {
  const agentId = outputs.ids?.agent?.support;
  if (!agentId) {
    say("demo: no agent in the stack; run `npm run demo` first");
    return 1;
  }
  const firstMessage = `Edited in the dashboard at ${new Date().toISOString()}`;
  const res = await request(`${url}/v1/convai/agents/${agentId}`, {
    method: "PATCH",
    headers: { "xi-api-key": API_KEY, "content-type": "application/json" },
    body: JSON.stringify({ conversation_config: { agent: { first_message: firstMessage } } }),
  });
  await res.body.text();
  if (res.statusCode !== 200) {
    say(`demo: the edit failed (${res.statusCode})`);
    return 1;
  }
  say(`demo: agent ${agentId}'s first message is now "${firstMessage}" (changed outside Pulumi)`);
  say("  npm run demo -- preview --refresh --diff      # shows the drift");
  say("  npm run demo -- up --refresh --yes            # puts the definition back");
  return 0;
}
