import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { WorkspaceDefinitionError } from "../../../sdk/workspace/errors";
import { loadDefinitions } from "../../../sdk/workspace/loader";

/** A throwaway directory holding `files` (path -> content); returns its path. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "workspace-defs-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** The problems `loadDefinitions` throws, as `file:line:column: path: reason` relative to `root`. */
export function problemsOf(root: string, options: Partial<Parameters<typeof loadDefinitions>[0]> = {}): string[] {
  try {
    loadDefinitions({ directory: join(root, "defs"), ...options });
  } catch (err) {
    if (!(err instanceof WorkspaceDefinitionError)) throw err;
    return err.problems.map((p) => `${p.file.slice(root.length + 1)}:${p.line}:${p.column}: ${p.path}: ${p.reason}`);
  }
  throw new Error("expected the definitions to fail");
}
