/** govcloud's version, from the package.json it was installed with. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The package's own package.json, found upwards from this module: the same code runs from
 * cli/ under ts-node and from dist/cli/ when built.
 */
export function packageVersion(from = __dirname): string {
  let dir = from;
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "govcloud" && typeof manifest.version === "string")
        return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}
