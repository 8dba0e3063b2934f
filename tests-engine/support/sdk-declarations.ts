/**
 * What an installed Pulumi Node SDK sends to and reads from its provider, read from the SDK's
 * own files: the TypeScript declarations give the property names, optionality and types; the
 * JavaScript gives the properties actually sent, the secret markings and replaceOnChanges.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

import { repoRoot } from "./engine";

export interface Member {
  optional: boolean;
  /** The declared TypeScript type, as written in the SDK. */
  type: string;
}

export type Members = Record<string, Member>;

/** The parts of a resource module the comparison needs. */
export interface SdkResource {
  token: string;
  /** The class's `readonly x: pulumi.Output<T>` properties; `T | undefined` is optional. */
  outputs: Members;
  /** The `<Name>Args` interface. */
  args: Members;
  /** The `<Name>State` interface, for looking a resource up (absent for providers). */
  state: Members;
  /** The properties the constructor sends from its arguments, in the JavaScript. */
  sent: string[];
  secretInputs: string[];
  secretOutputs: string[];
  replaceOnChanges: string[];
}

export interface SdkFunction {
  token: string;
  args: Members;
  outputArgs: Members;
  result: Members;
  sent: string[];
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export class SdkPackage {
  readonly dir: string;
  private readonly sources = new Map<string, ts.SourceFile>();
  private namespaced = new Map<string, Map<string, Members>>();

  constructor(readonly packageName: string) {
    this.dir = path.dirname(require.resolve(`${packageName}/package.json`, { paths: [repoRoot] }));
  }

  /** The installed version, without the "v" some SDKs publish in package.json. */
  get version(): string {
    const manifest = JSON.parse(this.read("package.json")) as { version: string };
    return manifest.version.replace(/^v/, "");
  }

  private read(file: string): string {
    const full = path.join(this.dir, file);
    if (!fs.existsSync(full)) throw new Error(`${this.packageName} has no ${file}`);
    return fs.readFileSync(full, "utf8");
  }

  private source(file: string): ts.SourceFile {
    let sf = this.sources.get(file);
    if (sf === undefined) {
      sf = ts.createSourceFile(file, this.read(file), ts.ScriptTarget.ES2022, true);
      this.sources.set(file, sf);
    }
    return sf;
  }

  /** The file, without extension, of a token's module member: "pkg:mod/x:X" → "mod/x". */
  memberFile(token: string): string {
    if (token.startsWith("pulumi:providers:")) return "provider";
    const [, middle = ""] = token.split(":");
    const name = token.split(":")[2] ?? "";
    const [module, file = lowerFirst(name)] = middle.split("/");
    const base = module === "index" ? file : `${module}/${file}`;
    if (fs.existsSync(path.join(this.dir, `${base}.js`))) return base;
    // The generator's file names fold some capitals (L7PolicyV2 is in l7policyV2.js): find the
    // file that declares the token.
    const dir = module === "index" ? this.dir : path.join(this.dir, module);
    for (const entry of fs.readdirSync(dir)) {
      if (!entry.endsWith(".js")) continue;
      const text = fs.readFileSync(path.join(dir, entry), "utf8");
      if (text.includes(`__pulumiType = '${token}'`) || text.includes(`invoke("${token}"`)) {
        return path.relative(this.dir, path.join(dir, entry.slice(0, -3)));
      }
    }
    throw new Error(`${this.packageName} has no file for ${token}`);
  }

  private membersOf(
    sf: ts.SourceFile,
    members: ts.NodeArray<ts.TypeElement> | ts.NodeArray<ts.ClassElement>,
  ): Members {
    const result: Members = {};
    for (const member of members) {
      if (!ts.isPropertySignature(member) && !ts.isPropertyDeclaration(member)) continue;
      if (member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
      if (member.type === undefined) continue;
      result[member.name.getText(sf)] = {
        optional: member.questionToken !== undefined,
        type: member.type.getText(sf),
      };
    }
    return result;
  }

  /** An interface declared at the top level of a declaration file. */
  interfaceMembers(file: string, name: string): Members {
    const sf = this.source(file);
    for (const statement of sf.statements) {
      if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) {
        return this.membersOf(sf, statement.members);
      }
    }
    throw new Error(`${this.packageName}/${file} declares no interface ${name}`);
  }

  /** A class's `readonly x: pulumi.Output<T>` properties. */
  classOutputs(file: string, name: string): Members {
    const sf = this.source(file);
    for (const statement of sf.statements) {
      if (!ts.isClassDeclaration(statement) || statement.name?.text !== name) continue;
      const result: Members = {};
      for (const member of statement.members) {
        if (!ts.isPropertyDeclaration(member) || member.type === undefined) continue;
        if (member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
        const type = member.type;
        if (!ts.isTypeReferenceNode(type) || type.typeName.getText(sf) !== "pulumi.Output")
          continue;
        const inner = type.typeArguments?.[0];
        if (inner === undefined) continue;
        const parts = ts.isUnionTypeNode(inner) ? [...inner.types] : [inner];
        const defined = parts.filter((p) => p.kind !== ts.SyntaxKind.UndefinedKeyword);
        result[member.name.getText(sf)] = {
          optional: defined.length < parts.length,
          type: defined.map((p) => p.getText(sf)).join(" | "),
        };
      }
      return result;
    }
    throw new Error(`${this.packageName}/${file} declares no class ${name}`);
  }

  /**
   * The interfaces of types/input.d.ts or types/output.d.ts by qualified name, such as
   * "inputs.compute.InstanceNetwork" ("inputs.Name" for the index module).
   */
  namespacedInterfaces(kind: "input" | "output"): Map<string, Members> {
    let found = this.namespaced.get(kind);
    if (found !== undefined) return found;
    found = new Map();
    const sf = this.source(`types/${kind}.d.ts`);
    const visit = (statements: ts.NodeArray<ts.Statement>, prefix: string) => {
      for (const statement of statements) {
        if (ts.isInterfaceDeclaration(statement)) {
          found!.set(`${prefix}.${statement.name.text}`, this.membersOf(sf, statement.members));
        } else if (
          ts.isModuleDeclaration(statement) &&
          statement.body !== undefined &&
          ts.isModuleBlock(statement.body)
        ) {
          visit(statement.body.statements, `${prefix}.${statement.name.getText(sf)}`);
        }
      }
    };
    visit(sf.statements, kind === "input" ? "inputs" : "outputs");
    this.namespaced.set(kind, found);
    return found;
  }

  /** The values of an enum of types/enums, by qualified name such as "enums.local.Logging". */
  enumValues(qualifiedName: string): (string | number | boolean)[] | undefined {
    const [, ...rest] = qualifiedName.split(".");
    const name = rest.pop() ?? "";
    const file = path.join(this.dir, "types", "enums", ...rest, "index.js");
    if (!fs.existsSync(file)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as Record<string, Record<string, string | number | boolean>>;
    const values = module[name];
    return values === undefined ? undefined : Object.values(values);
  }

  resource(token: string): SdkResource {
    const file = this.memberFile(token);
    const name = token.split(":")[2] ?? "";
    const className = token.startsWith("pulumi:providers:") ? "Provider" : name;
    const dts = `${file}.d.ts`;
    const js = this.read(`${file}.js`);
    const declared = js.match(/__pulumiType = ['"]([^'"]+)['"]/)?.[1];
    if (!token.startsWith("pulumi:providers:") && declared !== token) {
      throw new Error(`${this.packageName}/${file}.js declares ${declared}, not ${token}`);
    }
    const sent: string[] = [];
    const secretInputs: string[] = [];
    for (const [, property, value] of js.matchAll(/resourceInputs\["(\w+)"\] = (.*);$/gm)) {
      if (!/\bargs\b/.test(value)) continue;
      sent.push(property);
      if (value.includes("pulumi.secret(")) secretInputs.push(property);
    }
    const list = (option: string) =>
      unique(
        // The items are quoted strings, which may hold brackets ("triggers[*]").
        [
          ...js.matchAll(
            new RegExp(`${option}: \\[((?:\\s*"[^"]*"\\s*,?|\\s*'[^']*'\\s*,?)*)\\s*\\]`, "g"),
          ),
        ].flatMap(([, items]) => [...items.matchAll(/["']([^"']+)["']/g)].map(([, item]) => item)),
      );
    return {
      token,
      outputs: this.classOutputs(dts, className),
      args: this.interfaceMembers(dts, `${className}Args`),
      state: /export interface \w+State \{/.test(this.read(dts))
        ? this.interfaceMembers(dts, `${className}State`)
        : {},
      sent: unique(sent),
      secretInputs: unique(secretInputs),
      secretOutputs: list("additionalSecretOutputs"),
      replaceOnChanges: list("replaceOnChanges"),
    };
  }

  function(token: string): SdkFunction {
    const file = this.memberFile(token);
    const name = upperFirst(token.split(":")[2] ?? "");
    const dts = `${file}.d.ts`;
    const js = this.read(`${file}.js`);
    const invoke = new RegExp(`invoke\\("${token.replace(/[/.]/g, "\\$&")}", \\{([^}]*)\\}`);
    const body = js.match(invoke)?.[1];
    if (body === undefined) {
      throw new Error(`${this.packageName}/${file}.js does not invoke ${token}`);
    }
    const sent = [...body.matchAll(/"(\w+)": args/g)].map(([, property]) => property);
    const hasArgs = /export interface \w+Args \{/.test(this.read(dts));
    return {
      token,
      args: hasArgs ? this.interfaceMembers(dts, `${name}Args`) : {},
      outputArgs: hasArgs ? this.interfaceMembers(dts, `${name}OutputArgs`) : {},
      result: this.interfaceMembers(dts, `${name}Result`),
      sent: unique(sent),
    };
  }

  /** Every resource token of the package (module members with a __pulumiType). */
  allResourceTokens(): string[] {
    return this.scanJs(/__pulumiType = '([^']+)'/g).filter((t) => t.includes(":"));
  }

  /** Every function token the package invokes. */
  allFunctionTokens(): string[] {
    return this.scanJs(/invoke\("([^"]+)"/g);
  }

  private scanJs(pattern: RegExp): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "node_modules" && entry.name !== "scripts") walk(full);
        } else if (entry.name.endsWith(".js")) {
          for (const [, token] of fs.readFileSync(full, "utf8").matchAll(pattern)) {
            found.push(token);
          }
        }
      }
    };
    walk(this.dir);
    return unique(found);
  }
}
