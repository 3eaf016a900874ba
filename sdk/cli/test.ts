/**
 * `pulumi-elevenlabs test --agent <id> --script smoke.yaml`: the ConversationSmokeTest outside
 * Pulumi, for pipelines that deploy some other way. The script is the resource's input shape in
 * YAML; the report is the same; exit 0 when it passes, 1 when it fails, 2 for usage errors.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_BASE_URL } from "../../provider/config";
import { executeSmokeTest, formatProblems, parseYamlScript } from "../../provider/smoke/index";
import { type CommandIo, USAGE_ERROR } from "./command";

const HELP = `usage: pulumi-elevenlabs test --script smoke.yaml [--agent <agent id>] [options]

Calls the agent over its conversation WebSocket and runs the script (the ConversationSmokeTest
input shape, in YAML). Prints progress to stderr and the report to stdout.

options:
  --script <file>     the script (YAML); audio: paths are relative to its directory
  --agent <id>        the agent to call (overrides agentId in the script)
  --base-url <url>    API base URL (default $ELEVENLABS_BASE_URL, else ${DEFAULT_BASE_URL})
  --junit <file>      write a JUnit XML report
  --json <file>       write a JSON report
  --speed <n|max>     audio pacing: 1 real time (default), 2 twice as fast, max as fast as possible
  -h, --help          this help

The API key is read from ELEVENLABS_API_KEY (needed for private agents and knowledge-base checks).
Exit codes: 0 passed, 1 failed, 2 usage error.`;

function fail(io: CommandIo, message: string): number {
  io.err.write(`pulumi-elevenlabs test: ${message}\n\n${HELP}\n`);
  return USAGE_ERROR;
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        script: { type: "string" },
        agent: { type: "string" },
        "base-url": { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        speed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return fail(io, (error as Error).message);
  }
  if (values.help) {
    io.out.write(`${HELP}\n`);
    return 0;
  }
  const scriptPath = values.script as string | undefined;
  if (!scriptPath) return fail(io, "--script is required");
  let text: string;
  try {
    text = readFileSync(scriptPath, "utf8");
  } catch (error) {
    return fail(io, `cannot read ${scriptPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let speed: number | "max" | undefined;
  if (values.speed !== undefined) {
    speed = values.speed === "max" ? "max" : Number(values.speed);
    if (speed !== "max" && !(speed > 0))
      return fail(io, `--speed must be a positive number or "max", got ${values.speed}`);
  }
  const parsed = parseYamlScript(text, { agentId: values.agent, ...(speed !== undefined && { speed }) });
  if (!parsed.ok) {
    io.err.write(
      `pulumi-elevenlabs test: ${scriptPath} is not a valid script:\n${formatProblems(parsed.problems, scriptPath)}\n`,
    );
    return USAGE_ERROR;
  }
  const script = parsed.script;
  const absolute = (p: string | undefined) => (p === undefined ? undefined : resolve(p));
  const baseUrl = (values["base-url"] as string | undefined) ?? process.env.ELEVENLABS_BASE_URL ?? DEFAULT_BASE_URL;
  const { result, report } = await executeSmokeTest(script, {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    apiKey: process.env.ELEVENLABS_API_KEY?.trim() || undefined,
    baseDir: dirname(resolve(scriptPath)),
    junitPath: absolute((values.junit as string | undefined) ?? script.junitPath),
    jsonReportPath: absolute((values.json as string | undefined) ?? script.jsonReportPath),
    progress: (line) => io.err.write(`${line}\n`),
  });
  io.out.write(`${report}\n`);
  return result.passed || script.mode === "warn" ? 0 : 1;
}
