import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** The files `npm pack` puts in the package (needs the build, as `npm test` runs it first). */
function packedFiles(): string[] {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
}

describe("emulator/README.md as shipped in the package", () => {
  it("is in the package, and every relative link in it resolves to a file of the package", () => {
    const files = packedFiles();
    expect(files).toContain("dist/emulator/index.js"); // the build ran, so the list is complete
    expect(files).toContain("emulator/README.md");
    const text = readFileSync(path.join(root, "emulator/README.md"), "utf8");
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => (m[1] as string).split("#")[0] as string)
      .filter((target) => target !== "" && !/^[a-z]+:/i.test(target));
    expect(targets.length).toBeGreaterThan(0);
    const unresolved = targets.filter((target) => !files.includes(path.posix.join("emulator", target)));
    expect(unresolved).toEqual([]);
  });
});
