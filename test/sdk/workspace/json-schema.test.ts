import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildSchemaFiles } from "../../../sdk/workspace/json-schema";
import { FILE_KIND_NAMES, FILE_KINDS, type FileKindRow, kindsIn } from "../../../sdk/workspace/kinds";
import { loadDefinitions } from "../../../sdk/workspace/loader";

const root = resolve(__dirname, "../../..");
const built = buildSchemaFiles();
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = Object.fromEntries(Object.entries(built).map(([name, schema]) => [name, ajv.compile(schema)]));

const validate = (name: string, doc: unknown) => {
  const ok = validators[name]?.(doc);
  return ok ? [] : (validators[name]?.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

/** Every YAML file under examples/, with the schema its `# yaml-language-server: $schema=` line names. */
const exampleFiles = (readdirSync(join(root, "examples"), { recursive: true }) as string[])
  .filter((f) => /\.ya?ml$/.test(f) && !f.includes(".github") && !/(^|\/)Pulumi\.[^/]*ya?ml$/.test(f))
  .map((f) => join(root, "examples", f));

describe("schemas/<kind>.schema.json", () => {
  it("are up to date with the zod models", () => {
    const committed = (readdirSync(join(root, "schemas"), { recursive: true }) as string[])
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(committed, "schemas/ is stale: run npm run schema").toEqual(Object.keys(built).sort());
    for (const name of committed) {
      const file = JSON.parse(readFileSync(join(root, "schemas", name), "utf8"));
      expect(file, `schemas/${name} is stale: run npm run schema`).toEqual(built[name]);
    }
  });

  it("one definition schema and one overlay schema per file kind of each profile", () => {
    expect(Object.keys(built)).toHaveLength((FILE_KIND_NAMES.length + kindsIn("live").length) * 2);
    expect(kindsIn("live")).not.toContain("agent_knowledge_base_index");
    expect(Object.keys(built)).toContain("live/agent.schema.json");
  });

  it("spell fields as the API does and user maps verbatim", () => {
    const agent = JSON.stringify(built["agent.schema.json"]);
    expect(agent).toContain('"conversation_config"');
    expect(agent).toContain('"dynamic_variable_placeholders"');
    expect(agent).not.toContain('"conversationConfig"');
    const spec = (built["agent.schema.json"] as any).properties.spec;
    expect(Object.keys(spec.properties)).not.toContain("adopt_id"); // in the envelope, not the spec
    expect(Object.keys(spec.properties)).not.toContain("creation_token");
  });

  it("accept a secret only as a config reference", () => {
    const secret = (value: unknown) => ({ kind: "workspace_secret", name: "s", spec: { name: "S", value } });
    expect(validate("workspace_secret.schema.json", secret({ value_from: { config: "weatherApiKey" } }))).toEqual([]);
    expect(validate("workspace_secret.schema.json", secret("hunter2"))).not.toEqual([]);
    const header = (value: unknown) => ({
      kind: "tool",
      name: "t",
      spec: {
        type: "server",
        name: "t",
        server_tool: { url: "https://x.example" },
        secret_headers: { Authorization: value },
      },
    });
    expect(validate("tool.schema.json", header({ value_from: { config: "auth" } }))).toEqual([]);
    expect(validate("tool.schema.json", header("Bearer x"))).not.toEqual([]);
  });

  it("live/<kind>.schema.json take the live API's shapes: secret references among a tool's plain headers, flat settings", () => {
    const tool = (headers: unknown) => ({
      kind: "tool",
      name: "t",
      spec: {
        tool_config: { type: "webhook", name: "t", api_schema: { url: "https://x.example", request_headers: headers } },
      },
    });
    expect(
      validate(
        "live/tool.schema.json",
        tool({
          Accept: "application/json",
          "X-Api-Key": { secret_id: "ref:workspace_secret/key" },
          Authorization: { value_from: { config: "auth" } },
        }),
      ),
    ).toEqual([]);
    expect(validate("tool.schema.json", tool({}))).not.toEqual([]); // the contract's tool has no tool_config
    const settings = (headers: unknown) => ({
      kind: "workspace_settings",
      name: "settings",
      spec: { conversation_initiation_client_data_webhook: { url: "https://x.example", request_headers: headers } },
    });
    expect(
      validate("live/workspace_settings.schema.json", settings({ Authorization: { value_from: { config: "a" } } })),
    ).toEqual([]);
    expect(validate("live/workspace_settings.schema.json", settings({ Authorization: "Bearer x" }))).not.toEqual([]);
    expect(
      validate("live/agent.schema.json", {
        kind: "agent",
        name: "a",
        spec: { conversation_config: { tts: { stability: 2 } } },
      }),
    ).not.toEqual([]);
  });

  it("reject what the loader rejects in types and envelope", () => {
    const agent = {
      kind: "agent",
      name: "a",
      spec: { name: "A", conversation_config: { tts: { voice_settings: { stability: "high" } } } },
    };
    expect(validate("agent.schema.json", agent)).toEqual([
      "/spec/conversation_config/tts/voice_settings/stability must be number",
    ]);
    expect(validate("agent.schema.json", { kind: "tool", name: "a", spec: { name: "A" } })).not.toEqual([]);
    expect(validate("agent.schema.json", { kind: "agent", name: "a", spec: { name: "A" }, extra: 1 })).not.toEqual([]);
  });

  it("overlay schemas take any part of a definition, and null to remove a field", () => {
    expect(
      validate("agent.overlay.schema.json", { spec: { conversation_config: { agent: { language: null } } } }),
    ).toEqual([]);
    expect(
      validate("agent.overlay.schema.json", {
        spec: { conversation_config: { tts: { voice_settings: { stability: "x" } } } },
      }),
    ).not.toEqual([]);
  });
});

describe("the examples' YAML files", () => {
  it("exist", () => {
    expect(exampleFiles.length).toBeGreaterThan(5);
  });

  it.each(exampleFiles.map((f) => [relative(root, f), f]))(
    "%s names its kind's schema and is valid against it",
    (_, file) => {
      const text = readFileSync(file, "utf8");
      const line = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
      expect(line, "a `# yaml-language-server: $schema=` line").not.toBeNull();
      const schemaPath = resolve(dirname(file), line?.[1] as string);
      // schemas/ for the seed profile, schemas/<profile>/ for another.
      expect([join(root, "schemas"), join(root, "schemas/live")]).toContain(dirname(schemaPath));
      const name = relative(join(root, "schemas"), schemaPath);
      const doc = parse(text);
      const overlay = file.includes("/overlays/");
      if (!overlay) expect(name.replace(/^live\//, "")).toBe(`${doc.kind}.schema.json`);
      else expect(name).toMatch(/^([a-z]+\/)?[a-z_]+\.overlay\.schema\.json$/);
      expect(validate(name, doc)).toEqual([]);
    },
  );

  it("load for both stacks of the gitops example: every kind of API object", () => {
    const dir = join(root, "examples/gitops");
    const apiObjects = FILE_KIND_NAMES.filter((kind) => !(FILE_KINDS[kind] as FileKindRow).triggeredByReferences);
    for (const stack of ["dev", "prod"]) {
      const defs = loadDefinitions({ directory: join(dir, "definitions"), overlays: join(dir, "overlays"), stack });
      expect(defs.map((d) => d.kind).sort()).toEqual([...apiObjects, "tool"].sort());
    }
  });

  it("load for the live profile: the live definitions, references by YAML name", () => {
    const defs = loadDefinitions({ directory: join(root, "examples/live-definitions"), profile: "live" });
    expect(defs.map((d) => `${d.kind}/${d.name}`)).toEqual([
      "workspace_secret/weather-api-key",
      "tool/weather",
      "knowledge_base_document/opening-hours",
      "agent/support",
    ]);
  });

  it("load for the demo: every kind", () => {
    const defs = loadDefinitions({ directory: join(root, "examples/demo/definitions") });
    expect(defs.map((d) => d.kind).sort()).toEqual([...FILE_KIND_NAMES, "knowledge_base_document", "tool"].sort());
  });
});
