// Writes schema.json and schemas/[<profile>/]<kind>.schema.json + <kind>.overlay.schema.json (YAML definitions) from the BUILT
// zod models (`npm run schema` builds first). The logic lives in provider/schema.ts and
// sdk/workspace/json-schema.ts; this only supplies the version and does the I/O.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema } from "../dist/provider/schema.js";
import { buildSchemaFiles } from "../dist/sdk/workspace/json-schema.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
writeFileSync(`${root}schema.json`, `${JSON.stringify(buildSchema(version), null, 2)}\n`);
mkdirSync(`${root}schemas`, { recursive: true });
const written = ["schema.json"];
for (const [name, schema] of Object.entries(buildSchemaFiles())) {
  mkdirSync(dirname(`${root}schemas/${name}`), { recursive: true });
  writeFileSync(`${root}schemas/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
  written.push(`schemas/${name}`);
}
// Biome's JSON style (short arrays on one line) is what `biome check .` enforces on the committed files.
execFileSync(`${root}node_modules/.bin/biome`, ["format", "--write", ...written], { cwd: root, stdio: "ignore" });
console.log(`wrote ${written.join(", ")}`);
