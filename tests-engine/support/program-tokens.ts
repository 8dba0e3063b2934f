/**
 * The provider resources and functions the govcloud program uses, found in its source: every
 * `openstack.<module>.<Member>` and `command.<module>.<Member>` of the files that import the
 * SDKs, resolved to tokens through the SDK's JavaScript.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { repoRoot } from "./engine";
import type { SdkPackage } from "./sdk-declarations";

export interface UsedTokens {
  resources: string[];
  functions: string[];
  /** Whether the program configures explicit providers of the package. */
  provider: boolean;
}

/** The program: its entry point and its components. */
export function programFiles(): string[] {
  const components = path.join(repoRoot, "components");
  const files = [path.join(repoRoot, "index.ts")];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) files.push(full);
    }
  };
  walk(components);
  return files.sort();
}

const TYPE_ONLY = /(Args|State|Result)$/;

/**
 * Tokens used through `import * as <alias> from "<package>"`. Other import forms would hide
 * uses from this scan, so they fail it.
 */
export function usedTokens(sdk: SdkPackage, alias: string): UsedTokens {
  const resources = new Set<string>();
  const functions = new Set<string>();
  let provider = false;
  const importForm = new RegExp(`from\\s+["']${sdk.packageName}(/[^"']*)?["']`);
  const namespaceImport = new RegExp(
    `import\\s+(?:type\\s+)?\\*\\s+as\\s+${alias}\\s+from\\s+["']${sdk.packageName}["']`,
  );
  const member = new RegExp(`\\b${alias}\\s*\\.\\s*([a-z]\\w*)\\s*\\.\\s*([A-Za-z]\\w*)`, "g");
  const providerUse = new RegExp(`\\b${alias}\\s*\\.\\s*Provider\\b`);
  for (const file of programFiles()) {
    const text = fs.readFileSync(file, "utf8");
    if (!importForm.test(text)) continue;
    if (!namespaceImport.test(text)) {
      throw new Error(
        `${path.relative(repoRoot, file)} imports ${sdk.packageName} other than as "import * as ${alias}"; the token scan would miss its uses`,
      );
    }
    if (providerUse.test(text)) provider = true;
    for (const [, module, name] of text.matchAll(member)) {
      if (module === "types" || module === "config" || TYPE_ONLY.test(name)) continue;
      const moduleDir = path.join(sdk.dir, module);
      if (name.startsWith("get")) {
        const fn = name.replace(/Output$/, "");
        const js = fs.readFileSync(path.join(moduleDir, `${fn}.js`), "utf8");
        const token = js.match(/invoke\("([^"]+)"/)?.[1];
        if (token === undefined) throw new Error(`${sdk.packageName} ${module}.${fn}: no token`);
        functions.add(token);
      } else {
        const file = path.join(moduleDir, `${name.charAt(0).toLowerCase()}${name.slice(1)}.js`);
        const token = fs.readFileSync(file, "utf8").match(/__pulumiType = '([^']+)'/)?.[1];
        if (token === undefined) throw new Error(`${sdk.packageName} ${module}.${name}: no token`);
        resources.add(token);
      }
    }
  }
  return { resources: [...resources].sort(), functions: [...functions].sort(), provider };
}
