import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { agentModel } from "../../provider/models/agent";
import { MODELS } from "../../provider/models/index";
import { RESOURCE_KINDS, typeToken } from "../../provider/models/spec";
import { buildJsonSchema, buildSchema, type PropertySchema } from "../../provider/schema";

const root = path.resolve(__dirname, "../..");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const schema = buildSchema(version);
const resource = (kind: (typeof RESOURCE_KINDS)[number]) => schema.resources[typeToken(kind)]!;

describe("schema.json", () => {
  it("is up to date with the zod models", () => {
    const committed = JSON.parse(readFileSync(path.join(root, "schema.json"), "utf8"));
    expect(committed, "schema.json is stale: run npm run schema").toEqual(schema);
  });

  it("has an entry for every resource kind, under the type token the engine records", () => {
    expect(Object.keys(schema.resources)).toEqual(RESOURCE_KINDS.map((k) => `pulumi-nodejs:dynamic/elevenlabs:${k}`));
    expect(schema.version).toBe(version);
  });

  it("carries the rules: replaceOnChanges and secrets", () => {
    expect(resource("Tool").replaceOnChanges).toContain("type");
    expect(resource("Tool").properties.type?.replaceOnChanges).toBe(true);
    expect(resource("WorkspaceSecret").properties.value?.secret).toBe(true);
    expect(resource("WorkspaceSecret").secretOutputs).toEqual(["value"]);
    expect(resource("Tool").properties.secretHeaders?.secret).toBe(true);
    expect(resource("Tool").properties.name?.secret).toBeUndefined();
  });

  it("describes nested Agent inputs with their .describe() texts", () => {
    const config = resource("Agent").inputProperties.conversationConfig as any;
    expect(config.description).toMatch(/^Conversation behaviour/);
    expect(config.properties.agent.properties.prompt.properties.prompt).toMatchObject({
      type: "string",
      description: "System prompt.",
    });
    expect(config.additionalProperties).toEqual({}); // looseObject: unknown fields pass through
    expect(resource("WorkspaceSecret").additionalProperties).toBe(false); // strictObject
  });

  it("lists server-set fields as outputs only", () => {
    const agent = resource("Agent");
    expect(agent.inputProperties.agentId).toBeUndefined();
    expect(agent.properties.agentId).toMatchObject({ type: "string" });
    expect(agent.properties.isPublic).toMatchObject({ type: "boolean" });
    expect(agent.requiredInputs).toEqual(["name"]);
  });

  it("leaves out the SDK's creationToken everywhere, but keeps adoptId", () => {
    expect(JSON.stringify(schema)).not.toContain("creationToken");
    for (const kind of RESOURCE_KINDS) {
      expect(JSON.stringify(buildJsonSchema(kind))).not.toContain("creationToken");
      // Adopting takes over an API object; the smoke test has none to take over.
      if (kind !== "ConversationSmokeTest")
        expect(resource(kind).inputProperties.adoptId).toMatchObject({ type: "string" });
    }
  });
});

describe("buildJsonSchema", () => {
  // strict: unknown keywords or malformed schemas throw at compile time.
  const ajv = new Ajv2020({ strict: true, allErrors: true });

  it.each(RESOURCE_KINDS)("%s compiles as JSON Schema 2020-12", (kind) => {
    expect(buildJsonSchema(kind).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => ajv.compile(buildJsonSchema(kind))).not.toThrow();
  });

  const validateAgent = ajv.compile(buildJsonSchema("Agent"));
  const verdicts = (input: unknown) => ({ zod: agentModel.safeParse(input).success, jsonSchema: validateAgent(input) });

  const valid = {
    name: "Support",
    conversationConfig: {
      agent: { prompt: { prompt: "You are helpful.", toolIds: ["tool_1"] }, firstMessage: "Hi!", language: "en" },
      tts: { voiceSettings: { stability: 0.5, useSpeakerBoost: true } },
      conversation: { maxDurationSeconds: 600 },
      someFutureSection: { kept: true },
    },
    platformSettings: { webhook: { url: "https://example.com/hook" } },
    metadata: { Team: "cx" },
  };

  it("accepts an Agent config the zod model accepts", () => {
    expect(verdicts(valid)).toEqual({ zod: true, jsonSchema: true });
  });

  it.each([
    ["a string where a number belongs", { conversationConfig: { tts: { voiceSettings: { stability: "high" } } } }],
    ["a number where a string belongs", { conversationConfig: { agent: { prompt: { prompt: 42 } } } }],
    ["a fraction where an integer belongs", { conversationConfig: { conversation: { maxDurationSeconds: 1.5 } } }],
    ["a number out of range", { conversationConfig: { tts: { voiceSettings: { stability: 2 } } } }],
    ["an empty name", { name: "" }],
  ])("rejects, like zod, %s", (_, change) => {
    expect(verdicts({ ...valid, ...change })).toEqual({ zod: false, jsonSchema: false });
  });

  it("agrees with zod on generated Agent configs", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    const some = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(fields, { requiredKeys: [] });
    const agent = some({
      name: leaf,
      conversationConfig: some({
        agent: some({ prompt: some({ prompt: leaf, toolIds: leaf }), firstMessage: leaf, language: leaf }),
        tts: some({ voiceSettings: some({ stability: leaf, useSpeakerBoost: leaf }) }),
        conversation: some({ maxDurationSeconds: leaf }),
      }),
      metadata: fc.oneof(leaf, fc.dictionary(fc.string(), leaf, { maxKeys: 2 })),
    });
    fc.assert(
      fc.property(agent, (input) => {
        const { zod, jsonSchema } = verdicts(input);
        return zod === jsonSchema;
      }),
    );
  });

  it("does not carry zod refinements (URL checks, superRefine): zod stays the authority", () => {
    const badUrl = { ...valid, platformSettings: { webhook: { url: "not a url" } } };
    expect(verdicts(badUrl)).toEqual({ zod: false, jsonSchema: true });
  });
});

/**
 * The SDK classes declare each output's TypeScript type (`declare readonly x: pulumi.Output<T>`);
 * the schema must say the same, in particular for the server-set outputs the models do not cover.
 */
describe("schema types agree with the SDK classes", () => {
  function jsonTypeOf(node: ts.TypeNode): string | undefined {
    if (ts.isUnionTypeNode(node)) {
      const present = node.types.filter(
        (t) =>
          t.kind !== ts.SyntaxKind.UndefinedKeyword &&
          !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      const types = new Set(present.map(jsonTypeOf));
      return types.size === 1 ? [...types][0] : undefined;
    }
    if (node.kind === ts.SyntaxKind.StringKeyword) return "string";
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return "string";
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return "boolean";
    if (node.kind === ts.SyntaxKind.NumberKeyword) return "number";
    if (ts.isArrayTypeNode(node)) return "array";
    if (ts.isTypeLiteralNode(node)) return "object";
    if (ts.isTypeReferenceNode(node) && node.typeName.getText() === "Record") return "object";
    return undefined; // e.g. AgentInputs["conversationConfig"]: the model itself, nothing to compare
  }

  /** class name -> output name -> JSON type, read from sdk/*.ts. */
  function sdkOutputTypes(): Map<string, Map<string, string>> {
    const classes = new Map<string, Map<string, string>>();
    for (const file of readdirSync(path.join(root, "sdk")).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(path.join(root, "sdk", file), "utf8");
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      for (const node of source.statements) {
        if (!ts.isClassDeclaration(node) || !node.name) continue;
        const outputs = new Map<string, string>();
        for (const member of node.members) {
          if (!ts.isPropertyDeclaration(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
          const [inner] = member.type.typeArguments ?? [];
          if (member.type.typeName.getText() !== "pulumi.Output" || !inner) continue;
          const type = jsonTypeOf(inner);
          if (type) outputs.set(member.name.getText(), type);
        }
        classes.set(node.name.text, outputs);
      }
    }
    return classes;
  }

  it("every output an SDK class declares has the same JSON type in the schema", () => {
    const sdk = sdkOutputTypes();
    let compared = 0;
    for (const kind of RESOURCE_KINDS) {
      const declared = sdk.get(kind);
      expect(declared, `sdk class ${kind}`).toBeDefined();
      // An output declared for the live profile's shape is described by that profile's schema.
      const live = schema.profiles.live?.resources[typeToken(kind)]?.properties ?? {};
      const properties = { ...live, ...resource(kind).properties };
      for (const [name, type] of declared!) {
        const property: PropertySchema | undefined = properties[name];
        expect(property, `${kind}.${name} is in the schema`).toBeDefined();
        const schemaType = property!.type === "integer" ? "number" : property!.type;
        expect(schemaType, `${kind}.${name}`).toBe(type);
        compared++;
      }
      // Every server-set output gets a type, declared by the SDK or not.
      for (const name of MODELS[kind].rules.serverSet) expect(properties[name]?.type).toBeDefined();
    }
    expect(compared).toBeGreaterThan(40); // the parse found the declarations
  });
});
