const fs = require("node:fs");
const path = require("node:path");
const process = require("node:process");
const { execSync } = require("node:child_process");

// Compile with the @types packages this SDK depends on only, so stray @types
// packages further up the tree (mocha, glob, ...) cannot break the build.
const packageRoot = path.join(__dirname, "..");
const packageJSON = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8"));
const deps = Object.keys(packageJSON.dependencies ?? {}).concat(Object.keys(packageJSON.devDependencies ?? {}));
const types = deps.filter(d => d.startsWith("@types/")).map(d => d.slice("@types/".length)).join(",");
const typesFlag = types.length > 0 ? " --types " + types : "";
try {
    execSync("tsc" + typesFlag, { cwd: packageRoot });
} catch (error) {
    console.error("Failed to run 'tsc'", {
        stdout: error.stdout ? error.stdout.toString() : "",
        stderr: error.stderr ? error.stderr.toString() : "",
    });
    process.exit(1);
}
// The TypeScript output lives in ./bin; getVersion() reads package.json next to it.
fs.copyFileSync(path.join(packageRoot, "package.json"), path.join(packageRoot, "bin", "package.json"));
