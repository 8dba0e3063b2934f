/**
 * Every property test of a run draws from one seed, printed once at the start, so that a failure
 * seen in CI can be replayed exactly: `FC_SEED=<seed> npm run test:unit`. Without FC_SEED the seed
 * is random, so each run tries new cases. Property tests must not pass a seed of their own to
 * fc.assert: it would override this one and the printed replay line would no longer hold.
 *
 * Loaded by .mocharc.json's "require", before any test file.
 */
import fc from "fast-check";

/** The seed from FC_SEED (a 32-bit integer), or a random one. */
export function propertySeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FC_SEED;
  if (given === undefined || given.trim() === "") return (Math.random() * 0x100000000) | 0;
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < -0x80000000 || seed > 0xffffffff) {
    throw new Error(`FC_SEED must be a whole number (a fast-check seed), got "${given}"`);
  }
  return seed | 0;
}

/** The seed of this run. */
export const runSeed = propertySeed();
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: runSeed });

// Mocha's parallel mode loads this file in the main process first and then in each worker, which
// it starts with the main process's environment: the main process hands its seed down through
// FC_SEED, so every worker draws from the same seed, and only the main process prints it.
if (process.env.MOCHA_WORKER_ID === undefined) {
  process.env.FC_SEED = String(runSeed);
  process.stdout.write(
    `fast-check seed: ${runSeed} (replay with FC_SEED=${runSeed} npm run test:unit)\n`,
  );
}
