/**
 * What the local SDK (sdks/libvirt) declares, read from its TypeScript sources with the
 * compiler's parser: each resource's type token, its inputs (the `<Resource>Args` interface and
 * the input types it refers to), its outputs (the class's properties, `/*out*\/` marking those
 * only the provider sets), and the provider's configuration (`ProviderArgs`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";

export type DeclaredType =
  | { kind: "string" | "number" | "boolean" | "any" }
  | { kind: "list"; element: DeclaredType }
  | { kind: "map"; value: DeclaredType }
  | { kind: "object"; name: string; properties: DeclaredProperty[] };

export interface DeclaredProperty {
  name: string;
  optional: boolean;
  type: DeclaredType;
  /** Outputs only: set by the provider alone (`/*out*\/` in the class). */
  outputOnly?: boolean;
}

export interface DeclaredResource {
  className: string;
  /** e.g. `libvirt:index/domain:Domain`. */
  token: string;
  inputs: DeclaredProperty[];
  outputs: DeclaredProperty[];
}

export interface DeclaredSdk {
  config: DeclaredProperty[];
  resources: DeclaredResource[];
}

type Interfaces = Map<string, ts.InterfaceDeclaration>;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

function interfacesOf(source: ts.SourceFile): Interfaces {
  const found: Interfaces = new Map();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) found.set(node.name.text, node);
  });
  return found;
}

/** Resolves `inputs.X` and `outputs.X` to the interfaces of types/input.ts and types/output.ts. */
class TypeReader {
  constructor(
    private readonly local: Interfaces,
    private readonly modules: Record<string, Interfaces>,
  ) {}

  properties(members: ts.NodeArray<ts.TypeElement | ts.ClassElement>): DeclaredProperty[] {
    const properties: DeclaredProperty[] = [];
    for (const member of members) {
      if (!ts.isPropertySignature(member) && !ts.isPropertyDeclaration(member)) continue;
      if (member.type === undefined || !ts.isIdentifier(member.name)) continue;
      if (ts.isPropertyDeclaration(member) && !isDeclared(member)) continue;
      properties.push({
        name: member.name.text,
        optional: member.questionToken !== undefined,
        type: this.type(member.type),
        ...(ts.isPropertyDeclaration(member) && member.getText().includes("/*out*/")
          ? { outputOnly: true }
          : {}),
      });
    }
    return properties;
  }

  type(node: ts.TypeNode): DeclaredType {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { kind: "string" };
      case ts.SyntaxKind.NumberKeyword:
        return { kind: "number" };
      case ts.SyntaxKind.BooleanKeyword:
        return { kind: "boolean" };
      case ts.SyntaxKind.AnyKeyword:
        return { kind: "any" };
    }
    if (ts.isParenthesizedTypeNode(node)) return this.type(node.type);
    if (ts.isArrayTypeNode(node)) return { kind: "list", element: this.type(node.elementType) };
    if (ts.isUnionTypeNode(node)) {
      const defined = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
      if (defined.length !== 1) throw new Error(`cannot read the union ${node.getText()}`);
      return this.type(defined[0]);
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index?.type === undefined) throw new Error(`cannot read ${node.getText()}`);
      return { kind: "map", value: this.type(index.type) };
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      // The wrappers every generated property has: the value is what they wrap.
      if (name === "pulumi.Input" || name === "pulumi.Output") {
        return this.type(node.typeArguments![0]);
      }
      const [module, local] = name.includes(".") ? name.split(".") : [undefined, name];
      const declaration =
        module === undefined ? this.local.get(local) : this.modules[module]?.get(local);
      if (declaration === undefined) throw new Error(`cannot find the type ${name}`);
      return { kind: "object", name: local, properties: this.properties(declaration.members) };
    }
    throw new Error(`cannot read the type ${node.getText()}`);
  }
}

function isDeclared(member: ts.PropertyDeclaration): boolean {
  const modifiers = ts.getModifiers(member) ?? [];
  return (
    modifiers.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) &&
    !modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
  );
}

function pulumiType(declaration: ts.ClassDeclaration): string | undefined {
  for (const member of declaration.members) {
    if (
      ts.isPropertyDeclaration(member) &&
      member.name.getText() === "__pulumiType" &&
      member.initializer !== undefined &&
      ts.isStringLiteral(member.initializer)
    ) {
      return member.initializer.text;
    }
  }
  return undefined;
}

/** Everything the SDK in `dir` declares. */
export function readSdk(dir: string): DeclaredSdk {
  const modules = {
    inputs: interfacesOf(parse(join(dir, "types", "input.ts"))),
    outputs: interfacesOf(parse(join(dir, "types", "output.ts"))),
  };
  const resources: DeclaredResource[] = [];
  let config: DeclaredProperty[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const source = parse(join(dir, file));
    const local = interfacesOf(source);
    const reader = new TypeReader(local, modules);
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || node.name === undefined) return;
      const className = node.name.text;
      const token = pulumiType(node);
      const args = local.get(`${className}Args`);
      if (token === undefined || args === undefined) return;
      if (className === "Provider") {
        config = reader.properties(args.members);
        return;
      }
      resources.push({
        className,
        token,
        inputs: reader.properties(args.members),
        outputs: reader.properties(node.members),
      });
    });
  }
  return { config, resources };
}
