/**
 * A worker of the parallel `govcloud check` (check/parallel.ts), started with
 * child_process.fork. It loads the estate and the policy pack once (in-process, one pack per
 * process), then plans and analyzes the stacks it is handed one at a time and sends back each
 * stack's StackCheck (the report's rows and diagnostics), and its plan only when asked.
 */
import "../plan/lazy-sdk-modules"; // first: before anything loads @pulumi/pulumi
import { loadEstate } from "../model/estate-loader";
import { useBundledConfigValidators } from "./bundled-config-validators";
import { InProcessChecker } from "./in-process-check";
import type { FromWorker, InitMessage, ToWorker } from "./protocol";

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );
}

let checker: InProcessChecker | undefined;
let keepPlans = false;
let work: Promise<void> = Promise.resolve();

async function init(message: InitMessage): Promise<void> {
  useBundledConfigValidators();
  const loaded = loadEstate(
    message.root,
    message.today === undefined ? {} : { today: message.today },
  );
  keepPlans = message.keepPlans === true;
  checker = new InProcessChecker(loaded, {
    packDir: message.packDir,
    ...(message.configFile === undefined ? {} : { configFile: message.configFile }),
    ...(message.today === undefined ? {} : { today: message.today }),
  });
  await checker.open();
}

async function fatal(error: unknown): Promise<void> {
  const e = error instanceof Error ? error : new Error(String(error));
  await send({ type: "fatal", name: e.name, message: e.message, stack: e.stack });
  process.exit(1);
}

function handle(message: ToWorker): void {
  work = work
    .then(async () => {
      switch (message.type) {
        case "init":
          return init(message);
        case "stack":
          return send({
            type: "result",
            ...(await checker!.checkStack(message.stack, keepPlans, message.baseline)),
          });
        case "end":
          await checker?.close();
          // Every result has been handed to the channel (send's callback): nothing left to do.
          process.exit(0);
          return;
      }
    })
    .catch(fatal);
}

if (process.send === undefined) {
  process.stderr.write("check/worker: start me with child_process.fork\n");
  process.exit(2);
}
process.on("message", (message) => handle(message as ToWorker));
