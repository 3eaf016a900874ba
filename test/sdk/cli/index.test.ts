import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, main } from "../../../sdk/cli/index";
import { TestEmulator } from "../../support/test-emulator";

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: { write: (t: string) => (out += t) },
    err: { write: (t: string) => (err += t) },
  });
  return { code, out, err };
}

describe("pulumi-elevenlabs (the command table)", () => {
  it("lists every command of the table in its usage", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    for (const [name, command] of Object.entries(COMMANDS))
      expect(out).toContain(`${name.padEnd(8)} ${command.summary}`);
  });

  it("refuses an unknown command, and no command, with the usage on stderr and exit code 2", async () => {
    expect(await run("pul")).toMatchObject({ code: 2, out: "" });
    expect((await run("pul")).err).toMatch(/^pulumi-elevenlabs: unknown command "pul"\n\nusage: /);
    expect(await run()).toMatchObject({ code: 2, out: "" });
  });

  it("hands a command its own arguments: pull without --out says what it needs", async () => {
    const { code, err } = await run("pull");
    expect(code).toBe(2);
    expect(err).toMatch(/^pulumi-elevenlabs pull: --out <dir> is required/);
  });

  it("pull against an API of the other profile exits 1 naming the --profile to pass, and writes nothing", async () => {
    const emu = await TestEmulator.start({ profile: "live" });
    const saved = { key: process.env.ELEVENLABS_API_KEY, profile: process.env.ELEVENLABS_API_PROFILE };
    process.env.ELEVENLABS_API_KEY = emu.apiKey;
    delete process.env.ELEVENLABS_API_PROFILE;
    const out = mkdtempSync(join(tmpdir(), "pull-mismatch-"));
    try {
      const { code, err } = await run("pull", "--out", out, "--base-url", emu.url);
      expect(code).toBe(1);
      expect(err).toContain("in the live API's error format");
      expect(err).toContain("run pull again with --profile live");
      expect(readdirSync(out)).toEqual([]);
    } finally {
      if (saved.key === undefined) delete process.env.ELEVENLABS_API_KEY;
      else process.env.ELEVENLABS_API_KEY = saved.key;
      if (saved.profile !== undefined) process.env.ELEVENLABS_API_PROFILE = saved.profile;
      rmSync(out, { recursive: true, force: true });
      await emu.close();
    }
  });
});
