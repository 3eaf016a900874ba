import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputNames } from "../../provider/models/index";
import { RESOURCE_KINDS } from "../../provider/models/spec";

const sdkFile = (kind: string) =>
  join(__dirname, "../../sdk", `${kind.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}.ts`);

describe("SDK resource classes", () => {
  it.each(RESOURCE_KINDS)("%s declares every output its model and rules produce, so programs can read them", (kind) => {
    const source = readFileSync(sdkFile(kind), "utf8");
    const missing = outputNames(kind).filter((name) => !new RegExp(`declare readonly ${name}\\b`).test(source));
    expect(missing).toEqual([]);
  });

  it("outputs come from the model: inputs the model names and server-set fields, never bookkeeping", () => {
    expect(outputNames("WorkspaceSecret")).toEqual([
      "name",
      "value",
      "description",
      "secretId",
      "createdAt",
      "lastUsed",
    ]);
    expect(outputNames("Agent")).not.toContain("creationToken");
  });
});
