const { execFileSync } = require("node:child_process");
const { join } = require("node:path");

/**
 * The directory holding the real Pulumi engine's `pulumi`: scripts/ensure-pulumi builds it from the
 * Go module proxy once (its progress goes to stderr) and prints the cached directory last.
 * CommonJS, so that both the demo (ESM) and the e2e set-up (CommonJS TypeScript) load it.
 * @param {string} repo the repository root
 * @returns {string}
 */
exports.engineBin = function engineBin(repo) {
  const printed = execFileSync("bash", [join(repo, "scripts/ensure-pulumi")], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return printed.trim().split("\n").pop() ?? "";
};
