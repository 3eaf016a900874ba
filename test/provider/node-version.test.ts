import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import packageJson from "../../package.json";
import { SUPPORTED_NODE, unsupportedNodeMessage } from "../../provider/node-version";

describe("the supported Node.js range", () => {
  it("is one range: the code's, package.json's engines.node and the README's", () => {
    expect(packageJson.engines.node).toBe(SUPPORTED_NODE);
    const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
    const stated = [...readme.matchAll(/Node(?:\.js)? (?:>=|\d+\+)[\d.]*/g)].map((m) => m[0]);
    expect(stated.length).toBeGreaterThan(0);
    expect(new Set(stated)).toEqual(new Set([`Node.js ${SUPPORTED_NODE}`]));
  });

  it("an older Node gets one line naming the version needed and the version found", () => {
    for (const found of ["22.18.9", "22.9.0", "20.20.2", "18.9.1"]) {
      expect(unsupportedNodeMessage(found)).toBe(
        `pulumi-elevenlabs needs Node.js >=22.19.0; this is Node.js ${found}. Install a newer Node.js (https://nodejs.org/en/download, or: nvm install --lts).`,
      );
    }
  });

  it("the floor itself and everything above it pass", () => {
    for (const found of ["22.19.0", "22.19.1", "22.20.0", "23.0.0", "24.21.0", "100.0.0"]) {
      expect(unsupportedNodeMessage(found)).toBeUndefined();
    }
  });
});
