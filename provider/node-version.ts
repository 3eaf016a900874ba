/**
 * The Node.js versions this package runs on, checked before anything else loads. On an older Node
 * the dependencies fail deep inside (undici 8 crashes at require time with "Cannot read
 * properties of undefined (reading 'bind')"), so every entry point imports this module FIRST:
 * `provider/index.ts`, `sdk/index.ts` and each bin (`emulator/cli.ts`).
 *
 * It must parse and run on any Node a user may still have (18, 20): no imports but `node:path`,
 * no syntax newer than ES2020.
 */
import { dirname } from "node:path";

/**
 * The supported range, a floor, the same as `engines.node` in package.json and the README (a test
 * holds the three together). It is the highest floor among the runtime dependencies: undici 8.13.
 */
export const SUPPORTED_NODE = ">=22.19.0";

/** The one line an unsupported Node gets, or undefined when `found` (e.g. "20.20.2") is supported. */
export function unsupportedNodeMessage(found: string): string | undefined {
  const need = SUPPORTED_NODE.slice(2).split(".").map(Number);
  const have = found.split(".").map(Number);
  for (let i = 0; i < need.length; i++) {
    const h = have[i] ?? 0;
    const n = need[i] ?? 0;
    if (h > n) return undefined;
    if (h < n) {
      return `pulumi-elevenlabs needs Node.js ${SUPPORTED_NODE}; this is Node.js ${found}. Install a newer Node.js (https://nodejs.org/en/download, or: nvm install --lts).`;
    }
  }
  return undefined;
}

const problem = unsupportedNodeMessage(process.versions.node);
if (problem !== undefined) {
  // A bin of this package (the process's main module is one of our files) stops with the line
  // alone. A library load (a user's program, the dynamic-provider host) gets an error that is
  // that line, stack included: the require chain that led here would only bury it.
  const main = typeof require === "undefined" ? undefined : require.main?.filename;
  if (main?.startsWith(`${dirname(__dirname)}/`)) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  const error = new Error(problem);
  error.stack = `Error: ${problem}`;
  throw error;
}
