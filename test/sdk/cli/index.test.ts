import { describe, expect, it } from "vitest";
import { COMMANDS, main } from "../../../sdk/cli/index";

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
});
