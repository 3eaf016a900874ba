// Writes schema.json from the BUILT zod models (`npm run schema` builds first). The logic lives
// in provider/schema.ts; this only supplies the version and does the I/O.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema } from "../dist/provider/schema.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
writeFileSync(`${root}schema.json`, `${JSON.stringify(buildSchema(version), null, 2)}\n`);
// Biome's JSON style (short arrays on one line) is what `biome check .` enforces on the committed file.
execFileSync(`${root}node_modules/.bin/biome`, ["format", "--write", "schema.json"], { cwd: root, stdio: "ignore" });
console.log("wrote schema.json");
