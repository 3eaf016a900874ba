/**
 * Hostile and random inputs to every resource kind's `check`, called in-process as the engine's
 * host calls it, with the provider pointed at a real emulator whose stats prove that `check`
 * never sends a request. `check` must never throw: bad input comes back as failures whose reason
 * starts with the property path, so the engine can show the user where the problem is.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { handlers } from "../../../provider";
import { setKey } from "../../../provider/diff/json";
import { RESOURCE_KINDS, type ResourceKind } from "../../../provider/models/spec";
import { useEmulator } from "./harness";

const ctx = useEmulator();
type Json = Record<string, any>;

/** One valid input per kind: the base the mutations start from (check must accept it as is). */
const VALID: Record<ResourceKind, Json> = {
  Agent: {
    name: "Support",
    conversationConfig: {
      agent: { firstMessage: "Hi", language: "en", prompt: { prompt: "Help.", toolIds: ["tool_1"] } },
      tts: { voiceId: "v", voiceSettings: { stability: 0.5, similarityBoost: 0.7, useSpeakerBoost: true } },
      conversation: { maxDurationSeconds: 600, timeoutSeconds: 30 },
    },
    platformSettings: { webhook: { url: "https://example.com/hook", events: ["conversation.ended"], secret: "s" } },
  },
  Tool: {
    type: "server",
    name: "get_weather",
    description: "Weather",
    serverTool: {
      url: "https://api.example.com/w/{city}",
      method: "GET",
      headers: { Accept: "application/json" },
      parameters: [{ name: "city", type: "string", required: true, location: "path" }],
    },
    secretHeaders: { Authorization: "Bearer x" },
  },
  KnowledgeBaseDocument: { agentId: "agent_1", name: "FAQ", text: "Open 9 to 5.", readyTimeoutSeconds: 30 },
  AgentKnowledgeBaseIndex: { agentId: "agent_1", documentIds: ["doc_1", "doc_2"] },
  PhoneNumber: { country: "US", areaCode: "415", capabilities: { voice: true, sms: false }, agentId: "agent_1" },
  Widget: { agentId: "agent_1" },
  WorkspaceSecret: { name: "API_KEY", value: "secret-value", description: "d" },
  WorkspaceSettings: {
    settings: {
      dataRetentionDays: 30,
      gdprCompliant: true,
      allowedLlmProviders: ["openai"],
      defaultVoiceSettings: { stability: 0.5 },
      webhook: { url: "https://example.com/ws", secret: "s" },
    },
  },
  ConversationSmokeTest: {
    agentId: "agent_1",
    steps: [
      { say: "Where is my order?" },
      { expectAgent: { contains: "order", withinMs: 3000 } },
      { expectToolCall: { name: "lookup", parameters: { id: { regex: "^A" } }, error: "unavailable" } },
    ],
    limits: { totalTimeoutMs: 60_000 },
    mode: "warn",
  },
};

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

const hostileKey = fc.oneof(
  fc.constantFrom(...PROTO_KEYS),
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", ".", "a.b", "[0]", "\u0000", "\u202e", "😀", "name", "Name", "NAME"),
);

const deep = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { nested: value } : [value];
  return value;
};

const HUGE = "x".repeat(1_000_000);

/** Values of every JSON shape and then some: what a program (or a bad serializer) might hand over. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ key: hostileKey, maxDepth: 4, withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_VALUE,
    null,
    undefined,
    "",
    HUGE,
    "\u0000\uffff\ud800",
    [],
    {},
    [[[]]],
    deep(500, "bottom"),
    JSON.parse('{"__proto__": {"polluted": true}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  ),
);

/** Every path to a leaf of `value` (objects and arrays walked): where the mutations strike. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix];
}

function setAt(value: Json, path: (string | number)[], leaf: unknown): Json {
  const copy = structuredClone(value);
  let node: any = copy;
  for (const seg of path.slice(0, -1)) node = node[seg];
  node[path.at(-1) as string | number] = leaf;
  return copy;
}

/** The same path as a check failure spells it: `a.b[0].c`. */
function spelled(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    "",
  );
}

/** A value of another JSON type than `original`, so the field's type is certainly wrong. */
function wrongTypeFor(original: unknown): fc.Arbitrary<unknown> {
  const candidates: unknown[] = [42, Number.NaN, Number.POSITIVE_INFINITY, true, "text", [], [1, 2], { a: 1 }, null];
  const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  return fc.constantFrom(...candidates.filter((c) => typeOf(c) !== typeOf(original)));
}

async function check(kind: ResourceKind, news: unknown) {
  return handlers[kind].check?.({}, news as Json);
}

/** Failures carry the path in the reason (`forEngine`): "<path>: <why>", the path never empty. */
function expectNamedFailures(failures: { property: string; reason: string }[]) {
  for (const failure of failures) {
    expect(failure.reason.indexOf(": "), failure.reason).toBeGreaterThan(0);
    expect(failure.reason).toMatch(/: \S/);
  }
}

/** The path a failure names: what comes before the first ": " after the path's last quoted key. */
const namedPath = (reason: string) => reason.slice(0, reason.indexOf(": ", reason.lastIndexOf('"]') + 1));

const RUNS = 150;

afterAll(() => {
  // Nothing hostile reached Object.prototype.
  expect(({} as Json).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe.each(RESOURCE_KINDS)("%s check on hostile input", (kind) => {
  it("accepts the valid base input (the mutations below start from something check likes)", async () => {
    const result = await check(kind, VALID[kind]);
    expect(result?.failures ?? []).toEqual([]);
  });

  it("never throws on random top-level objects; any failure names its property; no request is sent", async () => {
    await ctx.emulator.resetStats();
    const input = fc.dictionary(fc.oneof(hostileKey, fc.constantFrom(...Object.keys(VALID[kind]))), hostileValue, {
      maxKeys: 8,
    });
    await fc.assert(
      fc.asyncProperty(input, async (news) => {
        const result = await check(kind, news);
        expect(result).toBeDefined();
        expectNamedFailures(result?.failures ?? []);
      }),
      { numRuns: RUNS },
    );
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("a wrong type at any field of a valid input fails check naming exactly that field; no request is sent", async () => {
    await ctx.emulator.resetStats();
    const base = VALID[kind];
    const mutation = fc
      .constantFrom(...leafPaths(base))
      .chain((path) => wrongTypeFor(path.reduce<any>((node, seg) => node[seg], base)).map((leaf) => ({ path, leaf })));
    await fc.assert(
      fc.asyncProperty(mutation, async ({ path, leaf }) => {
        const result = await check(kind, setAt(base, path, leaf));
        const failures = result?.failures ?? [];
        expect(failures.length).toBeGreaterThan(0);
        expectNamedFailures(failures);
        // The failure points at the field (or, for a value that must be an object, its parent).
        const where = spelled(path);
        expect(failures.some((f) => where.startsWith(namedPath(f.reason)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("any hostile value at any field of a valid input: no throw, failures name a property, no request", async () => {
    await ctx.emulator.resetStats();
    const base = VALID[kind];
    const mutation = fc.record({ path: fc.constantFrom(...leafPaths(base)), leaf: hostileValue });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ path, leaf }) => {
        const result = await check(kind, setAt(base, path, leaf));
        expectNamedFailures(result?.failures ?? []);
        // A secret is never quoted back.
        for (const failure of result?.failures ?? []) {
          expect(failure.reason).not.toContain("secret-value");
          expect(failure.reason).not.toContain("Bearer x");
        }
      }),
      { numRuns: RUNS },
    );
    expect((await ctx.emulator.stats()).total).toBe(0);
  });
});

describe("check keeps keys named like Object.prototype members in user data (no silent drop)", () => {
  it.each(["Agent", "Tool", "KnowledgeBaseDocument", "PhoneNumber"] as const)("%s", async (kind) => {
    const keys = fc.uniqueArray(fc.constantFrom(...PROTO_KEYS), { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(keys, async (names) => {
        const metadata = {};
        for (const name of names) setKey(metadata, name, `value of ${name}`);
        const result = await check(kind, { ...VALID[kind], metadata });
        expect(result?.failures ?? []).toEqual([]);
        const kept = result?.inputs.metadata as Json;
        expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
        for (const name of names) expect(Object.getOwnPropertyDescriptor(kept, name)?.value).toBe(`value of ${name}`);
      }),
      { numRuns: 30 },
    );
  });
});
