import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import packageJson from "../../package.json";
import { type DocSample, docSamples } from "../support/doc-samples";

/**
 * Every code sample in the docs is exercised: TypeScript samples type-check against the package as
 * users import it, JSON and YAML samples parse, and shell samples name only scripts, binaries and
 * commands that exist. Samples are read from the Markdown itself (never copied into tests), so a
 * doc that drifts from the code fails here. Whole programs are also run by e2e tests that extract
 * them (own-project.test.ts).
 */
const root = resolve(__dirname, "../..");
const samples: DocSample[] = [
  ...docSamples(join(root, "README.md"), "README.md"),
  ...docSamples(join(root, "emulator/README.md"), "emulator/README.md"),
];
const byLang = (...langs: string[]) => samples.filter((s) => langs.includes(s.lang));

// Under the repo so that `@pulumi/pulumi` and other imports resolve from its node_modules.
const scratch = mkdtempSync(join(root, "node_modules", ".doc-samples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every TypeScript sample as its own module, type-checked in one program (one compile, not one per sample). */
const typeScriptSamples = byLang("ts");
const sampleFiles = typeScriptSamples.map((sample, index) => {
  const dir = join(scratch, String(index));
  mkdirSync(dir, { recursive: true });
  // Top-level await is how a script would use the emulator: such a sample is an ES module.
  const file = join(dir, /^\s*(const .*=\s*)?await /m.test(sample.text) ? "index.mts" : "index.ts");
  writeFileSync(file, sample.text);
  return file;
});
let program: ts.Program | undefined;

function typeErrors(index: number): string[] {
  program ??= ts.createProgram(sampleFiles, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ["node"],
    baseUrl: root,
    paths: {
      "pulumi-elevenlabs": ["sdk/index.ts"],
      "pulumi-elevenlabs/provider": ["provider/index.ts"],
      "pulumi-elevenlabs/emulator": ["emulator/index.ts"],
    },
  });
  const file = program.getSourceFile(sampleFiles[index] as string);
  if (!file) return [`${sampleFiles[index]} is not in the program`];
  return ts.getPreEmitDiagnostics(program, file).map((d) => {
    const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 };
    return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

/** The commands a shell sample may run; anything else is a typo or a tool the user may not have. */
const bins = Object.keys(packageJson.bin);
const KNOWN_COMMANDS = new Set(["npm", "npx", "pulumi", "node", "git", "cd", "export", "mkdir", "curl", "cat", "bash"]);

function shellProblems(sample: DocSample): string[] {
  const problems: string[] = [];
  for (const raw of sample.text.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    for (const command of line.split(/&&|\|\||;|\|/).map((part) => part.trim())) {
      const words = command.split(/\s+/).filter((word) => !/^[A-Z_]+=/.test(word));
      const [head, first, second] = words;
      if (!head) continue;
      if (!KNOWN_COMMANDS.has(head)) problems.push(`\`${command}\`: unknown command ${head}`);
      if (head === "npm" && first === "run" && second && !(second in packageJson.scripts)) {
        problems.push(`\`${command}\`: package.json has no script ${second}`);
      }
      if (head === "npx" && first && !bins.includes(first) && first !== "pulumi") {
        problems.push(`\`${command}\`: npx ${first} is not a binary of this package`);
      }
    }
  }
  return problems;
}

/** A usage synopsis (a `text` block that starts with one of our binaries) lists only flags its `--help` knows. */
function unknownFlags(sample: DocSample): string[] {
  const bin = bins.find((name) => sample.text.startsWith(`${name} `));
  if (!bin) return [];
  const help = execFileSync(
    process.execPath,
    [join(root, packageJson.bin[bin as keyof typeof packageJson.bin]), "--help"],
    {
      encoding: "utf8",
    },
  );
  const known = new Set(help.match(/--[a-z][a-z-]*/g));
  return [...new Set(sample.text.match(/--[a-z][a-z-]*/g))].filter((flag) => !known.has(flag));
}

describe("the docs' code samples", () => {
  it("are found (the Markdown parse sees the fenced blocks)", () => {
    expect(byLang("ts").length).toBeGreaterThan(0);
    expect(byLang("sh").length).toBeGreaterThan(0);
  });

  it("are all in a language this test exercises", () => {
    const unchecked = samples.filter((s) => !["ts", "json", "yaml", "sh", "text"].includes(s.lang));
    expect(unchecked.map((s) => `${s.where} (${s.lang || "no language"})`)).toEqual([]);
  });

  it.each(typeScriptSamples.map((s, i) => [s.where, i] as const))("%s type-checks against the package", (_, index) => {
    expect(typeErrors(index)).toEqual([]);
  });

  it.each(byLang("json").map((s) => [s.where, s] as const))("%s is JSON", (_, sample) => {
    expect(() => JSON.parse(sample.text)).not.toThrow();
  });

  it.each(byLang("yaml").map((s) => [s.where, s] as const))("%s is YAML", (_, sample) => {
    const errors = parseAllDocuments(sample.text).flatMap((doc) => ("errors" in doc ? doc.errors : []));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each(byLang("text").map((s) => [s.where, s] as const))("%s names only flags the binary has", (_, sample) => {
    expect(unknownFlags(sample)).toEqual([]);
  });

  it.each(byLang("sh").map((s) => [s.where, s] as const))("%s runs only commands that exist", (_, sample) => {
    expect(shellProblems(sample)).toEqual([]);
  });
});
