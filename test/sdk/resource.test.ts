import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { secretRulesOf } from "../../provider/models/index";
import { RESOURCE_KINDS, type ResourceKind } from "../../provider/models/spec";
import * as sdk from "../../sdk/index";
import { creationToken, resourceArgs } from "../../sdk/resource";
import { isSecretInput, plainInput, registered, useRuntime } from "./pulumi-runtime";

type ResourceClass = new (name: string, args: object, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;
const classes = sdk as unknown as Record<ResourceKind, ResourceClass>;

/** `{ a: { b: leaf } }` for the keys `["a", "b"]`. */
const nest = (keys: readonly string[], leaf: unknown): unknown =>
  keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf);

const SECRET_OUTPUTS = RESOURCE_KINDS.flatMap((kind) =>
  secretRulesOf(kind).secretOutputs.map((key) => [kind, key] as const),
);
const SECRET_PATHS = RESOURCE_KINDS.flatMap((kind) =>
  secretRulesOf(kind).secretPaths.map((path) => [kind, path] as const),
);
/** The ways a program may pass an input: as is, as an Output of another resource, as a promise. */
const INPUT_FORMS: [string, (value: unknown) => pulumi.Input<unknown>][] = [
  ["a plain value", (value) => value],
  ["an Output", (value) => pulumi.output(value)],
  ["a promise", (value) => Promise.resolve(value)],
];

let serial = 0;
/** A fresh resource name, so registrations of different tests never mix. */
const fresh = (label: string) => `${label}-${++serial}`;

beforeEach(() => useRuntime("proj", "dev"));

describe("secret marking", () => {
  it("the kinds declare secrets of both sorts (the tables below are not empty)", () => {
    expect(SECRET_OUTPUTS.length).toBeGreaterThan(0);
    expect(SECRET_PATHS.length).toBeGreaterThan(0);
  });

  it.each(SECRET_OUTPUTS)("%s.%s given as plain text reaches the engine as a secret", async (kind, key) => {
    const resource = new classes[kind](fresh(kind), { [key]: "plain text", description: "stays readable" });
    const { inputs } = await registered(resource);
    expect(isSecretInput(inputs[key])).toBe(true);
    expect(plainInput(inputs[key])).toBe("plain text");
    expect(isSecretInput(inputs.description)).toBe(false);
  });

  it.each(RESOURCE_KINDS)(
    "%s lists exactly its secret outputs in additionalSecretOutputs, keeping the program's options",
    (kind) => {
      // Both profiles' secrets: the program cannot know which profile its stack speaks.
      const { secretOutputs } = secretRulesOf(kind);
      const [, , , alone] = resourceArgs(kind, "n", {}, undefined);
      expect(alone?.additionalSecretOutputs ?? []).toEqual(secretOutputs);
      const [, , , merged] = resourceArgs(kind, "n", {}, { protect: true, additionalSecretOutputs: ["mine"] });
      expect(merged?.protect).toBe(true);
      expect([...(merged?.additionalSecretOutputs ?? [])].sort()).toEqual(["mine", ...secretOutputs].sort());
    },
  );

  it.each(SECRET_OUTPUTS)("%s.%s left out stays out (not a secret of nothing)", async (kind, key) => {
    const { inputs } = await registered(new classes[kind](fresh(kind), {}));
    expect(plainInput(inputs[key])).toBeUndefined();
  });

  describe.each(SECRET_PATHS)("%s input holding %s", (kind, path) => {
    const [key, ...below] = path.split(".") as [string, ...string[]];
    const withSecret = nest(below, "s3cret");
    const withoutSecret = nest(below.slice(0, -1), { other: "visible" });

    it.each(INPUT_FORMS)("is secret as a whole when the nested secret is set, given as %s", async (_form, as) => {
      const { inputs } = await registered(new classes[kind](fresh(kind), { [key]: as(withSecret) }));
      expect(isSecretInput(inputs[key])).toBe(true);
      expect(plainInput(inputs[key])).toEqual(withSecret);
    });

    it.each(INPUT_FORMS)("stays plain without the nested secret, given as %s", async (_form, as) => {
      const { inputs } = await registered(new classes[kind](fresh(kind), { [key]: as(withoutSecret) }));
      expect(isSecretInput(inputs[key])).toBe(false);
      expect(inputs[key]).toEqual(withoutSecret);
    });

    // Where the object that would hold the secret is itself absent or null, the walk stops there.
    const holderless: [string, unknown][] = [
      ["no object holding it", nest(below.slice(0, -2), { other: "visible" })],
      ["a null object holding it", nest(below.slice(0, -1), null)],
    ];
    it.each(below.length > 1 ? holderless : [])("stays plain with %s", async (_case, value) => {
      const { inputs } = await registered(new classes[kind](fresh(kind), { [key]: value }));
      expect(isSecretInput(inputs[key])).toBe(false);
      expect(inputs[key]).toEqual(value);
    });
  });
});

describe("creation token", () => {
  const tokenIn = async (project: string, stack: string, kind: ResourceKind, name: string) => {
    await useRuntime(project, stack);
    return creationToken(kind, name);
  };

  it("is the same on every run: sha256 of project/stack/type/name, pinned so no release changes it", async () => {
    // A changed formula would orphan every object a crashed `up` of an existing stack left behind.
    expect(await tokenIn("proj", "dev", "Agent", "support")).toBe("86b9889ee08c5be0d35c2d05");
    expect(await tokenIn("proj", "dev", "Agent", "support")).toBe("86b9889ee08c5be0d35c2d05");
  });

  it("differs by project, by stack, by type and by name", async () => {
    const tokens = [
      await tokenIn("proj", "dev", "Agent", "support"),
      await tokenIn("other-proj", "dev", "Agent", "support"),
      await tokenIn("proj", "prod", "Agent", "support"),
      await tokenIn("proj", "dev", "Tool", "support"),
      await tokenIn("proj", "dev", "Agent", "sales"),
    ];
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it.each(RESOURCE_KINDS)("%s registers this stack's token for its name, not one from the program", async (kind) => {
    await useRuntime("proj", "staging");
    const name = fresh(kind);
    const { inputs } = await registered(new classes[kind](name, { creationToken: "from-the-program" }));
    expect(inputs.creationToken).toBe(creationToken(kind, name));
    expect(inputs.creationToken).toMatch(/^[0-9a-f]{24}$/);
  });
});
