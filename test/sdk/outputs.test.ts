import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { outputNames } from "../../provider/models/index";
import { RESOURCE_KINDS, type ResourceKind } from "../../provider/models/spec";
import * as sdk from "../../sdk/index";
import { resolved, useRuntime } from "./pulumi-runtime";

type ResourceClass = new (name: string, args: object) => pulumi.CustomResource;
const classes = sdk as unknown as Record<ResourceKind, ResourceClass>;

/** What the engine answers for every output: a value naming it, so a mix-up shows. */
const engineValue = (name: string) => `engine value of ${name}`;

describe("what a program reads from an SDK resource", () => {
  beforeAll(async () => {
    const outputs = Object.fromEntries(
      RESOURCE_KINDS.flatMap((kind) => outputNames(kind)).map((name) => [name, engineValue(name)]),
    );
    await useRuntime("proj", "dev", outputs);
  });

  it.each(RESOURCE_KINDS)("%s: every output of its model and rules holds the engine's value", async (kind) => {
    const resource = new classes[kind](`outputs-${kind}`, {}) as pulumi.CustomResource & Record<string, unknown>;
    const id = await resolved(resource.id);
    for (const name of outputNames(kind)) {
      const output = resource[name];
      expect(pulumi.Output.isInstance(output), `${kind}.${name} is an Output`).toBe(true);
      // Id outputs alias the resource id (known during update previews); the rest are the engine's.
      const expected = output === resource.id ? id : engineValue(name);
      expect(await resolved(output as pulumi.Output<unknown>), `${kind}.${name}`).toBe(expected);
    }
  });

  it("outputs come from the model: inputs the model names and server-set fields, never bookkeeping", () => {
    expect(outputNames("WorkspaceSecret")).toEqual([
      "name",
      "value",
      "description",
      "secretId",
      "createdAt",
      "lastUsed",
      // The live profile's server-set fields (its inputs are the contract's, without description).
      "type",
      "usedBy",
    ]);
    expect(outputNames("Agent")).not.toContain("creationToken");
  });
});

describe("what the TypeScript compiler lets a program read", () => {
  // The compiler's own view of the exported classes (not a reading of their source text): a
  // program written against the package can name each output and gets a pulumi.Output.
  const index = path.join(__dirname, "../../sdk/index.ts");
  let checker: ts.TypeChecker;
  let exported: Map<string, ts.Symbol>;
  beforeAll(() => {
    const program = ts.createProgram([index], {
      strict: true,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      noEmit: true,
    });
    checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(index) as ts.SourceFile) as ts.Symbol;
    const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
    exported = new Map(checker.getExportsOfModule(module).map((s) => [s.name, resolve(s)]));
  }, 60_000);

  it.each(RESOURCE_KINDS)("%s: every output is a property typed as a pulumi.Output", (kind) => {
    const cls = exported.get(kind);
    expect(cls?.flags).toBeDefined();
    const instance = checker.getDeclaredTypeOfSymbol(cls as ts.Symbol);
    const undeclared = outputNames(kind).filter((name) => {
      const property = checker.getPropertyOfType(instance, name);
      if (!property) return true;
      // An Output to the compiler: what a program calls `apply` on.
      const type = checker.getTypeOfSymbol(property);
      return !checker.getPropertyOfType(type, "apply") || !checker.getPropertyOfType(type, "get");
    });
    expect(undeclared).toEqual([]);
  });
});
