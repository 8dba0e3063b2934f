/**
 * `govcloud up` on a terminal without --yes: it previews, asks, and updates only on a yes. Run in
 * this process with a terminal that answers, and a stand-in for the pulumi executable.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultDeployDeps, runUp, type DeployDeps } from "../../cli/deploy-command";
import { loadEstate } from "../../model/estate-loader";
import { standInPulumi, type StandIn } from "../support/stand-in-pulumi";

const REPO = resolve(__dirname, "..", "..");
const TODAY = "2026-11-26";

describe("govcloud up on a terminal", function () {
  this.timeout(120_000);
  let dir: string;
  let standIn: StandIn;
  let questions: string[];
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "govcloud-confirm-"));
    standIn = standInPulumi(dir);
    questions = [];
    out = "";
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function terminal(answer: boolean): DeployDeps {
    return {
      ...defaultDeployDeps(),
      cwd: REPO,
      locate: () => ({ found: true, command: standIn.executable }),
      interactive: true,
      confirm: async (question) => {
        questions.push(question);
        return answer;
      },
      color: "never",
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        out += text;
      },
    };
  }
  const up = (answer: boolean) =>
    runUp(REPO, loadEstate(REPO, { today: TODAY }), "audit", { today: TODAY }, terminal(answer));
  const operations = () =>
    standIn
      .calls()
      .map((call) => call.args[0])
      .filter((command) => command === "preview" || command === "up");

  it("previews and stops when the answer is no", async () => {
    assert.equal(await up(false), 1);
    assert.deepEqual(questions, ["Deploy these changes to audit?"]);
    assert.deepEqual(operations(), ["preview"]);
    assert.match(out, /stand-in pulumi preview ran\n/);
    assert.match(out, /govcloud up: audit not deployed: the changes were not confirmed\n$/);
  });

  it("previews, then updates when the answer is yes", async () => {
    assert.equal(await up(true), 0);
    assert.deepEqual(operations(), ["preview", "up"]);
    assert.match(out, /govcloud up: audit: deployed, 0 mandatory, 0 advisory policy violations\n$/);
  });
});
