/**
 * Loaded before every test file, in every mocha worker: the Pulumi SDK's deferred requires
 * (plan/lazy-sdk-modules.ts) are set up before anything loads the SDK, as the govcloud command
 * and its check workers do. Without it, the first test file to import the SDK decides whether
 * the patch applies in that worker, and the guard's warning that it does not lands among the
 * tests' output.
 */
import "../../plan/lazy-sdk-modules";
