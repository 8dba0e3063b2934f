/**
 * The CI pipelines: valid YAML, and the properties the deployment process relies on (what runs on
 * a pull request, one review comment found by its marker, one deployment per stack at a time, the
 * platform before the departments). The scripts that turn `govcloud changed` into jobs are run
 * here on sample input.
 *
 * No JSON Schema of GitHub workflows or GitLab CI is published on npm as a maintained package
 * (the @schemastore/* packages hold TypeScript types only), so the checks are structural.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";

const REPO = resolve(__dirname, "..");
const MARKER = "<!-- govcloud-review -->";

type Yaml = Record<string, unknown>;
interface Step {
  uses?: string;
  run?: string;
  with?: Yaml;
  env?: Record<string, string>;
  if?: string;
  id?: string;
  name?: string;
}
interface GithubJob {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  environment?: string;
  strategy?: { matrix: Record<string, unknown> };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

function load(file: string): Yaml {
  const document = parseDocument(readFileSync(join(REPO, file), "utf8"), { uniqueKeys: true });
  assert.deepEqual(document.errors, [], `${file} is not valid YAML`);
  assert.deepEqual(document.warnings, [], `${file} has YAML warnings`);
  return document.toJS() as Yaml;
}

function runs(job: GithubJob): string {
  return job.steps.map((step) => step.run ?? "").join("\n");
}

function indexOfStep(job: GithubJob, test: (step: Step) => boolean): number {
  const index = job.steps.findIndex(test);
  assert.ok(index >= 0, "step not found");
  return index;
}

function everyUses(jobs: Record<string, GithubJob>): string[] {
  return Object.values(jobs).flatMap((job) =>
    job.steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses])),
  );
}

/** Runs a script taken from a pipeline in an empty folder holding `files`; returns `read` files. */
function runScript(
  script: string,
  files: Record<string, string>,
  env: Record<string, string>,
  read: string,
): string {
  const dir = mkdtempSync(join(tmpdir(), "govcloud-pipeline-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "script.js"), script);
    execFileSync(process.execPath, ["script.js"], { cwd: dir, env, stdio: "pipe" });
    return readFileSync(join(dir, read), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("pipelines", () => {
  describe("GitHub: pull request", () => {
    const workflow = load(".github/workflows/pull-request.yml");
    const jobs = workflow.jobs as Record<string, GithubJob>;
    const review = jobs.review;

    it("runs on every pull request, one run per pull request at a time", () => {
      assert.deepEqual(Object.keys(workflow.on as Yaml), ["pull_request"]);
      assert.equal((workflow.on as Yaml).pull_request, null, "no path or branch filter");
      assert.deepEqual(workflow.concurrency, {
        group: "pull-request-${{ github.event.pull_request.number }}",
        "cancel-in-progress": true,
      });
    });

    it("asks for the least it needs", () => {
      assert.deepEqual(workflow.permissions, { contents: "read" });
      assert.deepEqual(review.permissions, {
        contents: "read",
        "pull-requests": "write",
        "security-events": "write",
      });
    });

    it("installs, tests, validates, then reviews against the base branch in every format", () => {
      const checkout = review.steps[0];
      assert.match(checkout.uses ?? "", /^actions\/checkout@/);
      assert.equal(checkout.with?.["fetch-depth"], 0);
      const order = [
        "npm ci",
        "npm test",
        "node dist/cli/main.js validate",
        "node dist/cli/main.js review",
      ].map((command) =>
        indexOfStep(
          review,
          (step) =>
            (step.run ?? "").startsWith(command) || (step.run ?? "").includes(`\n${command}`),
        ),
      );
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        order,
      );
      const step = review.steps.find((s) => s.id === "review")!;
      assert.equal(step.env?.BASE_REF, "${{ github.base_ref }}");
      assert.match(step.run!, /review --base "origin\/\$BASE_REF"/);
      for (const out of ["review.md", "review.sarif", "review.xml", "review.json"]) {
        assert.match(step.run!, new RegExp(`--out ${out.replace(".", "\\.")}\\b`));
      }
    });

    it("uploads SARIF and the reports, posts one comment by its marker, then fails", () => {
      const sarif = indexOfStep(
        review,
        (s) => s.uses?.startsWith("github/codeql-action/upload-sarif@") === true,
      );
      assert.equal(review.steps[sarif].with?.sarif_file, "review.sarif");
      const artifact = indexOfStep(
        review,
        (s) => s.uses?.startsWith("actions/upload-artifact@") === true,
      );
      for (const file of ["review.md", "review.sarif", "review.xml", "review.json"]) {
        assert.match(
          String(review.steps[artifact].with?.path),
          new RegExp(file.replace(".", "\\.")),
        );
      }
      const comment = indexOfStep(
        review,
        (s) => s.uses?.startsWith("actions/github-script@") === true,
      );
      const script = String(review.steps[comment].with?.script);
      assert.ok(script.includes(`"${MARKER}"`), "the comment is found by the marker");
      assert.match(script, /updateComment[\s\S]*createComment/);
      for (const index of [sarif, artifact, comment]) {
        assert.match(review.steps[index].if ?? "", /always\(\)/, "runs when the review failed");
      }
      const fail = indexOfStep(review, (s) => s.if === "steps.review.outputs.status != '0'");
      assert.ok(fail > comment, "the job fails after the comment is posted");
      assert.match(review.steps[fail].run!, /exit 1/);
    });

    it("pins every action to a major version", () => {
      for (const uses of everyUses(jobs)) assert.match(uses, /^[\w-]+\/[\w/-]+@v\d+$/);
    });
  });

  describe("GitHub: approvals", () => {
    const workflow = load(".github/workflows/approvals.yml");
    const jobs = workflow.jobs as Record<string, GithubJob>;

    it("runs on every push to a pull request and every review given or dismissed", () => {
      assert.deepEqual(workflow.on, {
        pull_request: { types: ["opened", "synchronize", "reopened", "ready_for_review"] },
        pull_request_review: { types: ["submitted", "dismissed"] },
      });
      assert.deepEqual(workflow.permissions, { contents: "read", "pull-requests": "read" });
    });

    it("reviews against the base branch, then checks the approvals the review names", () => {
      const job = jobs.approvals;
      const review = indexOfStep(job, (step) =>
        /review --base "origin\/\$BASE_REF"/.test(step.run ?? ""),
      );
      const check = indexOfStep(job, (step) =>
        (step.run ?? "").includes("node dist/cli/main.js approvals --review review.json"),
      );
      assert.ok(review < check);
      assert.equal(job.steps[review].env?.BASE_REF, "${{ github.event.pull_request.base.ref }}");
      assert.match(job.steps[review].run!, /if \[ "\$status" -gt 1 \]; then exit "\$status"; fi/);
      assert.deepEqual(job.steps[check].env, {
        GOVCLOUD_APPROVALS_TOKEN: "${{ secrets.GOVCLOUD_APPROVALS_TOKEN }}",
        GITHUB_TOKEN: "${{ github.token }}",
      });
    });

    it("pins every action to a major version", () => {
      for (const uses of everyUses(jobs)) assert.match(uses, /^[\w-]+\/[\w-]+@v\d+$/);
    });
  });

  describe("GitHub: deploy", () => {
    const workflow = load(".github/workflows/deploy.yml");
    const jobs = workflow.jobs as Record<string, GithubJob>;

    it("deploys pushes to main, and one named stack by hand", () => {
      const on = workflow.on as { push: { branches: string[] }; workflow_dispatch: Yaml };
      assert.deepEqual(on.push.branches, ["main"]);
      assert.deepEqual((on.workflow_dispatch.inputs as Yaml).stack, {
        description: "Stack to deploy: a department id, or platform",
        required: true,
        type: "string",
      });
      assert.deepEqual(workflow.permissions, { contents: "read" });
    });

    it("finds the changed stacks with govcloud changed between the pushed commits", () => {
      const step = jobs.changed.steps.find((s) => s.id === "changed")!;
      assert.equal(step.env?.BEFORE, "${{ github.event.before }}");
      assert.equal(step.env?.HEAD, "${{ github.sha }}");
      assert.match(step.run!, /node dist\/cli\/main\.js changed --base "\$BEFORE" --head "\$HEAD"/);
      assert.equal(jobs.changed.steps[0].with?.["fetch-depth"], 0);
    });

    it("turns the list into the platform flag and the departments' matrix", () => {
      const step = jobs.changed.steps.find((s) => s.id === "changed")!;
      const script = /node -e '\n([\s\S]*?)\n\s*'\s*$/.exec(step.run!);
      assert.ok(script, "the node script of the changed step");
      const outputs = (stacks: string) =>
        runScript(script[1], { "stacks.txt": stacks, out: "" }, { GITHUB_OUTPUT: "out" }, "out");
      assert.equal(
        outputs("platform\nhealth\nwater\n"),
        'platform=true\ndepartments=["health","water"]\n',
      );
      assert.equal(outputs("audit\n"), 'platform=false\ndepartments=["audit"]\n');
      assert.equal(outputs(""), "platform=false\ndepartments=[]\n");
      assert.throws(() => outputs("health; rm -rf /\n"), /not a stack name/);
    });

    it("deploys the platform first, then each department in its own job", () => {
      assert.equal(jobs.platform.needs, "changed");
      assert.equal(jobs.platform.if, "needs.changed.outputs.platform == 'true'");
      assert.deepEqual(jobs.departments.needs, ["changed", "platform"]);
      assert.match(
        jobs.departments.if!,
        /needs\.platform\.result == 'success' \|\| needs\.platform\.result == 'skipped'/,
      );
      assert.deepEqual(jobs.departments.strategy?.matrix, {
        stack: "${{ fromJSON(needs.changed.outputs.departments) }}",
      });
      assert.match(runs(jobs.platform), /node dist\/cli\/main\.js up platform --yes/);
      assert.match(runs(jobs.departments), /node dist\/cli\/main\.js up "\$STACK" --yes/);
      assert.equal(jobs.departments.env?.STACK, "${{ matrix.stack }}");
    });

    it("never runs two deployments of one stack at once, nor cancels one", () => {
      assert.deepEqual(jobs.platform.concurrency, {
        group: "deploy-platform",
        "cancel-in-progress": false,
      });
      assert.deepEqual(jobs.departments.concurrency, {
        group: "deploy-${{ matrix.stack }}",
        "cancel-in-progress": false,
      });
    });

    it("deploys in the production environment with the CLI, backend and OpenStack logins", () => {
      for (const job of [jobs.platform, jobs.departments]) {
        assert.equal(job.environment, "production");
        assert.ok(job.steps.some((s) => s.uses?.startsWith("pulumi/actions@")));
        assert.equal(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        const logins = job.steps.find((s) => s.name === "OpenStack logins")!;
        assert.equal(logins.env?.CLOUDS_YAML, "${{ secrets.OPENSTACK_CLOUDS_YAML }}");
        assert.match(logins.run!, /OS_CLIENT_CONFIG_FILE=/);
        assert.match(runs(job), /npm ci/);
      }
    });

    it("pins every action to a major version", () => {
      for (const uses of everyUses(jobs)) assert.match(uses, /^[\w-]+\/[\w/-]+@v\d+$/);
    });
  });

  describe("GitLab", () => {
    const pipeline = load(".gitlab-ci.yml");
    type GitlabJob = {
      stage?: string;
      extends?: string[];
      script?: string[];
      before_script?: string[];
      rules?: { if: string; when?: string }[];
      artifacts?: Yaml & { reports?: Yaml; paths?: string[] };
      trigger?: Yaml;
      interruptible?: boolean;
      tags?: string[];
    };
    const job = (name: string) => pipeline[name] as GitlabJob;

    it("runs merge request pipelines: install, test, validate, review", () => {
      const rules = (pipeline.workflow as { rules: { if: string }[] }).rules.map((r) => r.if);
      assert.ok(rules.includes('$CI_PIPELINE_SOURCE == "merge_request_event"'));
      assert.deepEqual(job(".npm").before_script, ["npm ci --no-audit --no-fund"]);
      assert.deepEqual(job("test").extends, [".npm", ".merge-request"]);
      assert.deepEqual(job("test").script, ["npm test", "node dist/cli/main.js validate"]);
      const review = job("review").script!.join("\n");
      assert.match(
        review,
        /node dist\/cli\/main\.js review --base "origin\/\$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"/,
      );
      assert.match(review, /--out review\.md --out review\.xml --out review\.json/);
    });

    it("posts one note by the marker through the API, then fails when the review failed", () => {
      const script = job("review").script!;
      const text = script.join("\n");
      assert.ok(text.includes(`"${MARKER}"`));
      assert.match(text, /merge_requests\/\$\{process\.env\.CI_MERGE_REQUEST_IID\}\/notes/);
      assert.match(text, /"PRIVATE-TOKEN": process\.env\.GOVCLOUD_REVIEW_TOKEN/);
      assert.match(text, /call\("PUT"[\s\S]*call\("POST"/);
      assert.equal(script[script.length - 1], 'exit "$status"');
      assert.deepEqual(job("review").artifacts?.reports, { junit: "review.xml" });
      assert.equal(job("review").artifacts?.when, "always");
    });

    it("checks the approvals the review names after the review, whatever its verdict", () => {
      const approvals = pipeline.approvals as GitlabJob & {
        needs?: { job: string; artifacts: boolean }[];
      };
      assert.equal(approvals.stage, "review");
      assert.deepEqual(approvals.extends, [".npm"]);
      assert.deepEqual(approvals.needs, [{ job: "review", artifacts: true }]);
      assert.deepEqual(approvals.rules, [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: "always" },
      ]);
      assert.deepEqual(approvals.script, ["node dist/cli/main.js approvals --review review.json"]);
      assert.ok(job("review").artifacts?.paths?.includes("review.json"));
    });

    it("generates a deploy pipeline from the changed stacks: platform stage first, a resource group per stack", () => {
      const script = job("changed").script!.find((line) => line.includes("deploy-pipeline.yml"))!;
      const js = /<<'SCRIPT'\n([\s\S]*?)\nSCRIPT/.exec(script);
      assert.ok(js, "the generator script");
      const generate = (stacks: string) =>
        JSON.parse(runScript(js[1], { "stacks.txt": stacks }, {}, "deploy-pipeline.yml"));
      const generated = generate("platform\nhealth\nwater\n");
      assert.deepEqual(generated.include, [{ local: ".gitlab-ci.yml" }]);
      const stages = pipeline.stages as string[];
      assert.ok(stages.indexOf("platform") < stages.indexOf("departments"));
      for (const [stack, stage] of [
        ["platform", "platform"],
        ["health", "departments"],
        ["water", "departments"],
      ]) {
        assert.deepEqual(generated[`up ${stack}`], {
          extends: ".deploy-stack",
          stage,
          resource_group: `deploy-${stack}`,
          environment: { name: `production/${stack}`, deployment_tier: "production" },
          variables: { STACK: stack },
        });
      }
      assert.deepEqual(Object.keys(generate("")), ["include", "nothing to deploy"]);
      assert.throws(() => generate("health\n$(reboot)\n"), /not a stack name/);
      assert.match(
        job("changed").script![0],
        /node dist\/cli\/main\.js changed --base "\$CI_COMMIT_BEFORE_SHA" --head "\$CI_COMMIT_SHA"/,
      );
      assert.deepEqual(job("deploy").trigger, {
        include: [{ artifact: "deploy-pipeline.yml", job: "changed" }],
        strategy: "depend",
      });
    });

    it("deploys each stack with govcloud up --yes, never interrupted, only from the default branch", () => {
      const template = job(".deploy-stack");
      assert.equal(template.interruptible, false);
      assert.deepEqual(template.script, [
        'node dist/cli/main.js up "$STACK" --yes --message "deploy $CI_COMMIT_SHORT_SHA ($CI_PIPELINE_URL)"',
      ]);
      assert.ok(template.before_script!.includes("curl -fsSL https://get.pulumi.com | sh"));
      assert.ok(
        template.before_script!.includes('export OS_CLIENT_CONFIG_FILE="$OPENSTACK_CLOUDS_YAML"'),
      );
      assert.deepEqual(job(".default-branch").rules, [
        { if: '$CI_PIPELINE_SOURCE == "parent_pipeline"', when: "never" },
        { if: '$CI_PIPELINE_SOURCE == "schedule"', when: "never" },
        { if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" },
      ]);
      for (const name of ["changed", "deploy"])
        assert.ok(job(name).extends?.includes(".default-branch"));
    });

    it("checks drift on a schedule only, with the deploy logins, then keeps the issues in step", () => {
      const rules = (pipeline.workflow as { rules: { if: string }[] }).rules.map((r) => r.if);
      assert.ok(rules.includes('$CI_PIPELINE_SOURCE == "schedule"'));
      const drift = job("drift");
      assert.deepEqual(drift.rules, [{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
      assert.deepEqual(drift.extends, [".deploy-stack"]);
      const script = drift.script!.join("\n");
      assert.match(
        script,
        /node dist\/cli\/main\.js drift --all --out drift\.json --out drift\.md/,
      );
      assert.match(
        script,
        /drift-issues --provider gitlab --report drift\.json[\s\S]*if \[ "\$status" -gt 1 \]; then exit "\$status"; fi$/,
      );
      assert.deepEqual(drift.artifacts?.paths, ["drift.json", "drift.md"]);
      assert.equal(drift.artifacts?.when, "always");
      // No other job runs in a scheduled pipeline: none deploys on a schedule.
      for (const [name, value] of Object.entries(pipeline)) {
        const other = value as GitlabJob;
        if (name === "drift" || name.startsWith(".")) continue;
        if (other?.script === undefined && other?.trigger === undefined) continue;
        const rules = [
          ...(other.rules ?? []),
          ...(other.extends ?? []).flatMap((template) => job(template).rules ?? []),
        ];
        const merge = rules.every((r) => r.if === '$CI_PIPELINE_SOURCE == "merge_request_event"');
        const never = rules.some(
          (r) => r.if === '$CI_PIPELINE_SOURCE == "schedule"' && r.when === "never",
        );
        assert.ok(
          rules.length > 0 && (merge || never),
          `${name} could run in a scheduled pipeline`,
        );
      }
    });
  });

  describe("GitHub: drift", () => {
    const workflow = load(".github/workflows/drift.yml");
    const jobs = workflow.jobs as Record<string, GithubJob>;
    const drift = jobs.drift;

    it("runs every night and by hand, one run at a time, never cancelled", () => {
      const on = workflow.on as { schedule: { cron: string }[]; workflow_dispatch: null };
      assert.equal(on.schedule.length, 1);
      assert.match(on.schedule[0].cron, /^\d+ \d+ \* \* \*$/);
      assert.ok("workflow_dispatch" in on);
      assert.deepEqual(workflow.concurrency, { group: "drift", "cancel-in-progress": false });
      assert.deepEqual(workflow.permissions, { contents: "read" });
      assert.deepEqual(drift.permissions, { contents: "read", issues: "write" });
    });

    it("checks every stack inside the city network, without waiting for a deployment approval", () => {
      assert.deepEqual((drift as unknown as Yaml)["runs-on"], ["self-hosted", "govcloud-deploy"]);
      assert.equal(drift.environment, "drift");
      assert.ok(drift.steps.some((s) => s.uses?.startsWith("pulumi/actions@")));
      const step = drift.steps.find((s) => s.id === "drift")!;
      assert.match(
        step.run!,
        /node dist\/cli\/main\.js drift --all --out drift\.json --out drift\.md/,
      );
    });

    it("keeps the report, syncs the issues, then fails only when a stack could not be checked", () => {
      const artifact = indexOfStep(
        drift,
        (s) => s.uses?.startsWith("actions/upload-artifact@") === true,
      );
      assert.equal(drift.steps[artifact].with?.name, "drift-report");
      const issues = indexOfStep(drift, (s) => (s.run ?? "").includes("drift-issues"));
      assert.match(drift.steps[issues].run!, /drift-issues --provider github --report drift\.json/);
      assert.equal(drift.steps[issues].env?.GITHUB_TOKEN, "${{ github.token }}");
      const fail = indexOfStep(drift, (s) => s.name === "Fail when a stack could not be checked");
      assert.ok(fail > issues && issues > indexOfStep(drift, (s) => s.id === "drift"));
      assert.match(drift.steps[fail].if!, /status != '0' && steps\.drift\.outputs\.status != '1'/);
      assert.match(drift.steps[fail].run!, /exit 1/);
    });

    it("pins every action to a major version", () => {
      for (const uses of everyUses(jobs)) assert.match(uses, /^[\w-]+\/[\w/-]+@v\d+$/);
    });
  });
});
