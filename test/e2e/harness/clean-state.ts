import { expect } from "vitest";
import type { PulumiProject } from "./pulumi-project";

/**
 * The exported state holds none of `secrets` in plain text, and each of our `resources` dynamic
 * resources carries a `__provider` shim under 1 KiB (so nothing else was captured with it).
 */
export async function expectCleanState(project: PulumiProject, secrets: string[], resources: number): Promise<void> {
  const { raw, deployment } = await project.stackExport();
  for (const secret of secrets) expect(raw).not.toContain(secret);
  const ours = (deployment.resources ?? []).filter((r) => r.type.includes("dynamic/elevenlabs:"));
  expect(ours.length).toBe(resources);
  for (const r of ours) expect(Buffer.byteLength(String(r.inputs?.__provider))).toBeLessThan(1024);
}
