// The pack's entry point (package.json "main"). In a checkout of govcloud the pack is the root
// build's: `npm run build` at the root compiles policies/ into ../dist with the rest of the
// program, whose offline check runs the same code. A pack installed from its tarball (published
// with `pulumi policy publish`, which runs `npm pack` here) runs its own build, bin/, which
// `npm pack` makes first (the prepack script). docs/policies.md, "Publishing the pack".
function inCheckout() {
  try {
    return (
      require("../package.json").name === "govcloud" &&
      require.resolve("../dist/policies/index.js") !== ""
    );
  } catch {
    return false;
  }
}

module.exports = inCheckout()
  ? require("../dist/policies/index.js")
  : require("./bin/policies/index.js");
