/**
 * The layers of govcloud, lowest first. A folder imports from its own layer and the layers below
 * it, never from above (type-only imports count too): `npm run lint:layers`, part of `npm test`.
 * The README's "Architecture" section draws the same picture.
 */
const LAYERS = [
  // Leaves: the engine's wire values, the compiled schemas (build output), the code hosts' APIs.
  ["wire", "generated", "codehost"],
  // The typed estate: loader, schema check, rules, placement, usage. Pure.
  ["model"],
  // The Pulumi program and the CrossGuard pack, each on the model alone.
  ["components", "policies"],
  // The program under the mock runtime: one plan per stack.
  ["plan"],
  // The engine's side of the analyzer protocol, running the pack on plans.
  ["analyzer"],
  // Two plans compared as the engine compares them.
  ["diff"],
  // Plans checked by the pack, many stacks at once.
  ["check"],
  // A change between two revisions: plans, diffs, alerts, approvals.
  ["review"],
  // The real engine through the Automation API: preview, up, drift.
  ["deploy"],
  // Text, Markdown, SARIF, JUnit, Mermaid of what the layers below found.
  ["render"],
  // The govcloud command.
  ["cli"],
];

const folders = (layers) => `^(${layers.flat().join("|")})/`;

const layerRules = LAYERS.flatMap((layer, index) =>
  index === LAYERS.length - 1
    ? []
    : [
        {
          name: `${layer.join("-")}-imports-only-below`,
          comment: `${layer.join(", ")} may not import ${LAYERS.slice(index + 1)
            .flat()
            .join(", ")}`,
          severity: "error",
          from: { path: folders([layer]) },
          to: { path: folders(LAYERS.slice(index + 1)) },
        },
      ],
);

/** Folders of one layer stay apart: the program and the pack do not import each other. */
const siblingRules = LAYERS.filter((layer) => layer.length > 1).flatMap((layer) =>
  layer.map((folder) => ({
    name: `${folder}-apart-from-its-layer`,
    severity: "error",
    from: { path: `^${folder}/` },
    to: { path: folders([layer.filter((other) => other !== folder)]) },
  })),
);

module.exports = {
  forbidden: [
    ...layerRules,
    ...siblingRules,
    {
      name: "no-cycles",
      comment: "No module reaches itself through its imports.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|sdks|tests|tests-engine|scripts)/" },
    // Type-only imports are dependencies of the design too, though they vanish at run time.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["cjs", "es6"],
  },
};
