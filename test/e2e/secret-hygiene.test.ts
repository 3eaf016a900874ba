/**
 * Secret hygiene, in each API profile, across a whole lifecycle (up, no-op preview, refresh, an update that replaces
 * every secret, a refused preview, destroy) of a stack holding every resource kind, with
 * distinctive values for the API key and every secret input, and every log turned up: the
 * engine's `--debug -v=9 --logtostderr --logflow` output (which carries the provider process's own
 * output too), the files the engine and the backend write, the state export, and the emulator's
 * request log. None of them may hold any secret, in plain text or base64- or URL-encoded.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../../provider/profiles/types";
import { FIXTURES } from "../support/profile-fixtures";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import type { CommandResult, PulumiProject } from "./harness/pulumi-project";

const API_KEY = "SECRET-APIKEY-7f3a9c1e5b20";

/** Secret inputs, before and after the update that replaces them all (each profile uses its own). */
const FIRST = {
  secretValue: "SECRET-WSVALUE-2b8d4f6a1c",
  headerValue: "SECRET-TOOLHEADER-9e1c3a7b4d",
  agentHook: "SECRET-AGENTHOOK-5d2f8b1c6e",
  workspaceHook: "SECRET-WSHOOK-4a6c9e2d7f",
  twilioToken: "SECRET-TWILIO-8d3b6f1a9c",
};
const SECOND = {
  secretValue: "SECRET-WSVALUE2-8c1e4a7d3b",
  headerValue: "SECRET-TOOLHEADER2-6f2b9d1a5c",
  agentHook: "SECRET-AGENTHOOK2-3e7a1c9f2d",
  workspaceHook: "SECRET-WSHOOK2-1b5d8f3a6e",
  twilioToken: "SECRET-TWILIO2-2c7e4a9d1b",
};
const ALL_SECRETS = [API_KEY, ...Object.values(FIRST), ...Object.values(SECOND)];

type Secrets = typeof FIRST;

/**
 * Every resource kind of the profile, each secret input a plain-text literal on purpose (the SDK,
 * not the program, must make them secret). Seed: the agent's and the workspace's webhook signing
 * secrets. Live: a Twilio token, and the workspace's initiation webhook header.
 */
const PROGRAMS: Record<ProfileName, (s: Secrets, secretName: string) => string> = {
  seed: (s, secretName) => `
const el = require("pulumi-elevenlabs");
const tool = new el.Tool("lookup", {
  type: "server", name: "lookup_order", description: "Order lookup",
  serverTool: { url: "https://api.example.com/orders/{id}", parameters: [{ name: "id", type: "string", location: "path", required: true }] },
  secretHeaders: { Authorization: "Bearer ${s.headerValue}" },
});
const agent = new el.Agent("support", {
  name: "Support",
  conversationConfig: { agent: { firstMessage: "Hi", prompt: { prompt: "Help.", toolIds: [tool.toolId] } } },
  platformSettings: { webhook: { url: "http://127.0.0.1:9/hook", secret: "${s.agentHook}" } },
});
const doc = new el.KnowledgeBaseDocument("faq", { agentId: agent.agentId, name: "FAQ", text: "Open 9 to 5." });
new el.AgentKnowledgeBaseIndex("faq-index", { agentId: agent.agentId, documentIds: [doc.documentId] });
new el.PhoneNumber("line", { agentId: agent.agentId, country: "US", areaCode: "415" });
new el.Widget("widget", { agentId: agent.agentId, avatarPath: "avatar.png" });
new el.WorkspaceSecret("key", { name: "${secretName}", value: "${s.secretValue}" });
new el.WorkspaceSettings("settings", { settings: { webhook: { url: "http://127.0.0.1:9/ws", secret: "${s.workspaceHook}" } } });
`,
  live: (s, secretName) => `
const el = require("pulumi-elevenlabs");
const tool = new el.Tool("lookup", {
  toolConfig: {
    type: "webhook", name: "lookup_order", description: "Order lookup",
    apiSchema: {
      url: "https://api.example.com/orders", method: "GET",
      queryParamsSchema: { properties: { id: { type: "string", description: "Order id" } }, required: ["id"] },
    },
  },
  secretHeaders: { Authorization: "Bearer ${s.headerValue}" },
});
const doc = new el.KnowledgeBaseDocument("faq", { name: "FAQ", text: "Open 9 to 5." });
const agent = new el.Agent("support", {
  name: "Support",
  conversationConfig: {
    agent: {
      firstMessage: "Hi",
      prompt: { prompt: "Help.", toolIds: [tool.toolId], knowledgeBase: [{ type: "text", name: "FAQ", id: doc.documentId, usageMode: "auto" }] },
    },
  },
});
new el.PhoneNumber("line", {
  provider: "twilio", phoneNumber: "+14155550100", label: "Line",
  sid: "AC0123456789abcdef0123456789abcdef", token: "${s.twilioToken}", agentId: agent.agentId,
});
new el.Widget("widget", { agentId: agent.agentId, avatarPath: "avatar.png" });
new el.WorkspaceSecret("key", { name: "${secretName}", value: "${s.secretValue}" });
new el.WorkspaceSettings("settings", {
  settings: { conversationInitiationClientDataWebhook: { url: "http://127.0.0.1:9/ws", requestHeaders: { Authorization: "${s.workspaceHook}" } } },
});
`,
};

// 1x1 transparent PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** Every engine flag that makes it say more (the provider's own output goes through the engine). */
const LOUD = ["--debug", "-v=9", "--logtostderr", "--logflow"];

/**
 * The forms a secret could take in a log: itself, URL-encoded, and base64 at each of the three
 * byte alignments it could have inside a longer encoded blob (standard and URL-safe alphabets).
 */
function encodedForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString("base64");
    // Drop the characters that mix in the padding bytes before and the unknown bytes after.
    const core = b64.slice(Math.ceil((offset * 4) / 3) + (offset === 0 ? 0 : 1), -4);
    forms.add(core);
    forms.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...forms].filter((f) => f.length >= 12);
}

/**
 * Known upstream leak, not ours: at debug level the Pulumi Node.js SDK (@pulumi/pulumi
 * runtime/resource.js) logs every `RegisterResource RPC finished: … resp: <response>`, and the
 * engine's response holds the resource's outputs, secret ones in plain text. Every Pulumi program
 * with secret outputs does this under `--debug` or `-v`; no provider can keep its secret outputs
 * out of it. A hit counts as that dump when the log message it sits in (from the last message
 * marker before it) is one.
 */
const UPSTREAM_DUMP =
  /^(?:"msg":"(?:eventSink::Debug\(<\{%reset%\}>)?|debug: )(?:RegisterResource|RegisterResourceOutputs|ReadResource) RPC finished:/;
const MESSAGE_MARKER = /"msg":"|\b(?:debug|info|warning|error): /g;

function inUpstreamDump(text: string, index: number): boolean {
  let last = -1;
  for (const m of text.slice(0, index).matchAll(MESSAGE_MARKER)) last = m.index;
  return last >= 0 && UPSTREAM_DUMP.test(text.slice(last, last + 200));
}

/** Where a secret was found, as `source: form`, so a failure says what leaked where; and how many hits were the upstream dump. */
function leaks(sources: Record<string, string>): { found: string[]; upstream: number } {
  const found: string[] = [];
  let upstream = 0;
  for (const secret of ALL_SECRETS) {
    for (const form of encodedForms(secret)) {
      for (const [name, text] of Object.entries(sources)) {
        for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
          if (inUpstreamDump(text, at)) upstream++;
          else found.push(`${name}: ${form} in …${text.slice(Math.max(0, at - 80), at + form.length + 20)}…`);
        }
      }
    }
  }
  return { found, upstream };
}

/** Every file under `dir` (state, backups, history, engine logs), as text. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    // The program itself holds the values as literals (the SDK must make them secret).
    if (entry.includes("node_modules") || entry === "index.js" || !statSync(path).isFile()) continue;
    out[`file ${entry}`] = readFileSync(path, "latin1");
  }
  return out;
}

describe.each(["seed", "live"] as const)(
  "secret hygiene over a whole lifecycle with every log on (%s API profile)",
  (profile) => {
    const program = (s: Secrets, badSecretName = false) =>
      PROGRAMS[profile](s, badSecretName ? "1-not-a-name" : "LOOKUP_KEY");
    let emu: TestEmulator;
    let project: PulumiProject;
    const emulatorLog: string[] = [];
    const runs: Record<string, CommandResult> = {};

    const loud = async (name: string, args: string[], allowFailure = false) => {
      runs[name] = await project.pulumi([...args, ...LOUD], { allowFailure });
      return runs[name];
    };

    beforeAll(async () => {
      ({ emu, project } = await startStack(`secret-hygiene-${profile}`, program(FIRST), {
        profile,
        apiKey: API_KEY,
        log: (line) => emulatorLog.push(line),
      }));
      writeFileSync(join(project.dir, "avatar.png"), PNG);
      // The self-check: these distinctive values are what the scan looks for, so they must be in use.
      expect(emu.apiKey).toBe(API_KEY);
    });
    afterAll(async () => {
      await emu?.close();
    });

    it("runs the lifecycle: up, no-op preview, refresh, an update replacing every secret, a refused preview, destroy", async () => {
      await loud("up", ["up", "--yes", "--skip-preview"]);
      await loud("preview", ["preview", "--expect-no-changes"]);
      await loud("refresh", ["refresh", "--yes", "--skip-preview"]);
      project.writeProgram(program(SECOND));
      await loud("update", ["up", "--yes", "--skip-preview"]);
      expect((await emu.listAll(FIXTURES[profile].paths.secrets, "secrets")).map((s) => s.name)).toEqual([
        "LOOKUP_KEY",
      ]);
      // A check failure next to secret inputs: the error names the property, quotes no secret.
      project.writeProgram(program(SECOND, true));
      const refused = await loud("refused preview", ["preview"], true);
      expect(refused.code).not.toBe(0);
      expect(`${refused.stdout}${refused.stderr}`).toContain("name: expected letters, digits and _");
      project.writeProgram(program(SECOND));
      // The state, exported the way a user shares it (no --show-secrets), before it is emptied.
      runs["stack export"] = await project.pulumi(["stack", "export"]);
      await loud("destroy", ["destroy", "--yes", "--skip-preview"]);
      // The engine really was verbose (else the scan below proves little).
      expect(runs.up?.stderr.length).toBeGreaterThan(100_000);
    });

    it("finds no secret in the engine's output, its log files, the state or the emulator's log", () => {
      const sources: Record<string, string> = {
        "emulator log": emulatorLog.join("\n"),
        ...filesUnder(project.dir),
      };
      for (const [name, result] of Object.entries(runs)) {
        sources[`${name} stdout`] = result.stdout;
        sources[`${name} stderr`] = result.stderr;
      }
      expect(Object.keys(sources).some((s) => s.includes(".pulumi-home"))).toBe(true);
      expect(emulatorLog.length).toBeGreaterThan(10);
      const { found, upstream } = leaks(sources);
      expect(found).toEqual([]);
      console.info(
        `secret hygiene: ${Object.keys(sources).length} sources scanned; ${upstream} hits inside the Pulumi Node.js SDK's own debug dump of RegisterResource responses (upstream)`,
      );
    });

    it("the scan itself finds a secret where there is one (base64 inside a longer blob too)", () => {
      const blob = Buffer.from(`prefix-${FIRST.headerValue}-suffix`).toString("base64");
      expect(leaks({ sample: `x ${blob} y` }).found).toHaveLength(1);
      expect(leaks({ sample: `id=${encodeURIComponent(`a ${API_KEY}`)}` }).found).toHaveLength(1);
      // Only the upstream dump's own message is set aside: a leak in the next message still counts.
      const dump = `debug: RegisterResource RPC finished: resource:x; err: null, resp: urn,value,,,${API_KEY}`;
      expect(leaks({ sample: dump })).toEqual({ found: [], upstream: 1 });
      expect(leaks({ sample: `${dump}\n    debug: provider said ${API_KEY}` }).found).toHaveLength(1);
    });
  },
);
