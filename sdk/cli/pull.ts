/**
 * `pulumi-elevenlabs pull --out <dir>`: the workspace the API key opens, written as YAML
 * definitions for ConvaiWorkspace (sdk/workspace/pull*.ts). The key comes from ELEVENLABS_API_KEY
 * (never from an argument, which other users and shell histories can read), the API from
 * --base-url or ELEVENLABS_BASE_URL. A progress line goes to stderr; stdout says what was written
 * and which secret config keys to set before the first `pulumi up`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { getClient } from "../../provider/client/client";
import { resolveProviderConfig } from "../../provider/config";
import { ProfileMismatchError } from "../../provider/errors";
import { otherThan } from "../../provider/profiles/index";
import { readWorkspace } from "../workspace/pull";
import { pulledFiles } from "../workspace/pull-files";
import type { CommandIo } from "./command";

const USAGE = `usage: pulumi-elevenlabs pull --out <dir> [--base-url URL] [--profile seed|live]

Writes one YAML definition per object of the workspace (agents, tools, knowledge-base documents,
phone numbers, widgets, workspace secrets and settings) under <dir>, each marked with adopt_id so
the next \`pulumi up\` of a ConvaiWorkspace over <dir> takes the objects over instead of creating
new ones. The API key is read from ELEVENLABS_API_KEY; the API from --base-url or
ELEVENLABS_BASE_URL (default: the ElevenLabs API); the files are in the shapes of that API's
profile: --profile or ELEVENLABS_API_PROFILE, else live for the vendor's hosts and seed elsewhere.`;

export async function main(
  argv: string[],
  io: CommandIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      "base-url": { type: "string" },
      profile: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) {
    io.err.write(`pulumi-elevenlabs pull: --out <dir> is required\n\n${USAGE}\n`);
    return 2;
  }
  // Flags first, then the environment variables, as the provider reads its config.
  const given: Record<string, string | undefined> = {
    "elevenlabs:baseUrl": values["base-url"],
    "elevenlabs:apiProfile": values.profile,
  };
  const stack = { get: (key: string) => given[key] };
  const config = resolveProviderConfig(stack);
  const client = getClient(config);
  const out = resolve(values.out);
  const tty = io.err.isTTY === true;
  const counts: string[] = [];
  let objects: Awaited<ReturnType<typeof readWorkspace>>;
  try {
    objects = await readWorkspace(client, (kind, count, done) => {
      const line = `pull: ${[...counts, `${kind} ${count}`].join(", ")}`;
      if (done) counts.push(`${kind} ${count}`);
      if (tty) io.err.write(`\r${line}`);
      else if (done) io.err.write(`${line}\n`);
    });
  } catch (err) {
    // The error names the stack settings; here the flag is what the user types.
    if (!(err instanceof ProfileMismatchError)) throw err;
    io.err.write(
      `${tty ? "\n" : ""}pulumi-elevenlabs pull: ${err.message}\n` +
        `The API at ${config.baseUrl} speaks the ${otherThan(config.profile)} profile: run pull again with --profile ${otherThan(config.profile)}.\n`,
    );
    return 1;
  }
  if (tty) io.err.write("\n");
  const { files, secrets, toWrite } = pulledFiles(objects, out, config.profile);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), content);
  }
  io.out.write(`wrote ${Object.keys(files).length} definitions to ${values.out}\n`);
  if (secrets.length > 0) {
    io.out.write("\nsecrets are references; set each before `pulumi up`:\n");
    for (const s of secrets) io.out.write(`  pulumi config set --secret ${s.key} <value>   # ${s.file}: ${s.path}\n`);
  }
  if (toWrite.length > 0) {
    io.out.write("\nthe API never returns these; write them into the files before `pulumi up`:\n");
    for (const f of toWrite) io.out.write(`  ${f.file}: ${f.path}: ${f.what}\n`);
  }
  return 0;
}
