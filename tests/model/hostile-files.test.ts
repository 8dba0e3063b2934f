/**
 * The table of hostile files: what a pull request can put in the estate's folders besides a
 * YAML file (links, pipes, folders, misnamed files, nothing at all), and the one clear problem
 * each must give, without reading anything it should not.
 */
import { strict as assert } from "node:assert";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate } from "../../model/estate-loader";
import type { Problem } from "../../model/problem";
import { copyFixture, removeDir, TODAY } from "./support";

interface HostileCase {
  name: string;
  /** Changes the copy of the fixture estate in `dir`; `outside` is a folder beside it. */
  make(dir: string, outside: string): void;
  expect: Partial<Problem>[];
  /** Departments the estate still has. */
  departments?: number;
}

const SECRET = "do-not-show-this-anywhere";

const CASES: HostileCase[] = [
  {
    name: "a department file that is a link to a file outside",
    make: (dir, outside) =>
      symlinkSync(join(outside, "secret.yaml"), join(dir, "departments", "env.yaml")),
    expect: [{ file: "departments/env.yaml", code: "symbolic-link", severity: "error" }],
    departments: 2,
  },
  {
    name: "a department file that is a link to /proc/self/environ",
    make: (dir) => symlinkSync("/proc/self/environ", join(dir, "departments", "env.yaml")),
    expect: [{ file: "departments/env.yaml", code: "symbolic-link" }],
  },
  {
    name: "a department file that is a link inside the estate",
    make: (dir) =>
      symlinkSync(join(dir, "departments", "water.yaml"), join(dir, "departments", "copy.yaml")),
    expect: [{ file: "departments/copy.yaml", code: "symbolic-link" }],
  },
  {
    name: "a link to a device",
    make: (dir) => symlinkSync("/dev/zero", join(dir, "departments", "zero.yaml")),
    expect: [{ file: "departments/zero.yaml", code: "symbolic-link" }],
  },
  {
    name: "a named pipe",
    make: (dir) => execFileSync("mkfifo", [join(dir, "departments", "pipe.yaml")]),
    expect: [
      {
        file: "departments/pipe.yaml",
        code: "not-a-regular-file",
        message: "departments/pipe.yaml is a named pipe (FIFO), not a regular file",
      },
    ],
  },
  {
    name: "a folder named like a department file",
    make: (dir) => mkdirSync(join(dir, "departments", "folder.yaml")),
    expect: [
      {
        file: "departments/folder.yaml",
        code: "not-a-regular-file",
        message: "departments/folder.yaml is a folder, not a regular file",
      },
    ],
  },
  {
    name: "platform.yaml as a link",
    make: (dir, outside) => {
      renameSync(join(dir, "platform.yaml"), join(outside, "platform.yaml"));
      symlinkSync(join(outside, "platform.yaml"), join(dir, "platform.yaml"));
    },
    expect: [{ file: "platform.yaml", code: "symbolic-link" }],
  },
  {
    name: "the departments folder as a link to a folder outside",
    make: (dir, outside) => {
      renameSync(join(dir, "departments"), join(outside, "departments"));
      symlinkSync(join(outside, "departments"), join(dir, "departments"));
    },
    expect: [
      {
        file: "departments",
        code: "no-departments-folder",
        message: "departments is a symbolic link, not a folder",
      },
    ],
    departments: 0,
  },
  {
    name: "an empty departments folder",
    make: (dir) => {
      rmSync(join(dir, "departments"), { recursive: true });
      mkdirSync(join(dir, "departments"));
    },
    expect: [
      {
        file: "departments",
        code: "no-departments",
        message: "departments/ holds no department file",
      },
    ],
    departments: 0,
  },
  {
    name: "departments as a file",
    make: (dir) => {
      rmSync(join(dir, "departments"), { recursive: true });
      writeFileSync(join(dir, "departments"), "id: water\n");
    },
    expect: [
      {
        file: "departments",
        code: "no-departments-folder",
        message: "departments is a file, not a folder",
      },
    ],
    departments: 0,
  },
  {
    name: "no departments folder",
    make: (dir) => rmSync(join(dir, "departments"), { recursive: true }),
    expect: [
      {
        file: "departments",
        code: "no-departments-folder",
        message: "departments/ does not exist",
      },
    ],
    departments: 0,
  },
  {
    name: "a department file ending in .yml",
    make: (dir) =>
      renameSync(join(dir, "departments", "water.yaml"), join(dir, "departments", "water.yml")),
    expect: [
      {
        file: "departments/water.yml",
        code: "wrong-extension",
        severity: "error",
        fix: "rename it to departments/water.yaml",
      },
    ],
    departments: 1,
  },
  {
    name: "a file that is not a department",
    make: (dir) => writeFileSync(join(dir, "departments", "README.md"), "notes\n"),
    expect: [{ file: "departments/README.md", code: "not-a-department-file", severity: "warning" }],
    departments: 2,
  },
  {
    name: "a file named in capitals with the id of another department",
    make: (dir) =>
      writeFileSync(
        join(dir, "departments", "Water.yaml"),
        readFileSync(join(dir, "departments", "water.yaml")),
      ),
    expect: [
      {
        file: "departments/Water.yaml",
        code: "id-mismatch",
        line: 2,
        found: '"water"',
        allowed: "the file named after the id: water.yaml",
        fix: "rename the file to water.yaml (file names are department ids: lower-case letters, digits and hyphens)",
      },
    ],
    departments: 2,
  },
  {
    name: "a file whose id is another file's",
    make: (dir) =>
      writeFileSync(
        join(dir, "departments", "water-2.yaml"),
        readFileSync(join(dir, "departments", "water.yaml")),
      ),
    expect: [
      {
        file: "departments/water-2.yaml",
        code: "id-mismatch",
        fix: 'set "id: water-2" or rename the file to water.yaml',
      },
    ],
    departments: 2,
  },
  {
    name: "nesting a thousand brackets deep",
    make: (dir) =>
      writeFileSync(
        join(dir, "departments", "deep.yaml"),
        `id: deep\nnote: ${"[".repeat(1000)}${"]".repeat(1000)}\n`,
      ),
    expect: [{ file: "departments/deep.yaml", code: "too-deep", line: 2, column: 70 }],
  },
  {
    name: "nesting a hundred mappings deep",
    make: (dir) =>
      writeFileSync(
        join(dir, "departments", "deep.yaml"),
        Array.from({ length: 100 }, (_, i) => `${"  ".repeat(i)}a${i}:`).join("\n") + " 1\n",
      ),
    expect: [{ file: "departments/deep.yaml", code: "too-deep", line: 65 }],
  },
  {
    name: "nesting sequences on one line",
    make: (dir) =>
      writeFileSync(
        join(dir, "departments", "deep.yaml"),
        `id: deep\nnote:\n  ${"- ".repeat(200)}x\n`,
      ),
    expect: [{ file: "departments/deep.yaml", code: "too-deep", line: 3 }],
  },
];

function pick(problem: Problem, keys: string[]): Partial<Problem> {
  return Object.fromEntries(keys.map((key) => [key, problem[key as keyof Problem]]));
}

describe("hostile files", () => {
  for (const hostile of CASES) {
    it(hostile.name, () => {
      const dir = copyFixture();
      const outside = mkdtempSync(join(tmpdir(), "govcloud-outside-"));
      writeFileSync(join(outside, "secret.yaml"), `id: env\nnote: ${SECRET}\n`);
      try {
        hostile.make(dir, outside);
        const result = loadEstate(dir, { today: TODAY });
        const expectedFiles = new Set(hostile.expect.map((e) => e.file));
        const found = result.problems.filter((p) => expectedFiles.has(p.file));
        assert.deepEqual(
          found.map((p, i) => pick(p, Object.keys(hostile.expect[i] ?? hostile.expect[0]))),
          hostile.expect,
        );
        for (const problem of result.problems) {
          assert.ok(!JSON.stringify(problem).includes(SECRET), `a problem quotes the outside file`);
        }
        if (hostile.departments !== undefined) {
          assert.equal(result.estate?.departments.length ?? 0, hostile.departments);
        }
      } finally {
        removeDir(dir);
        rmSync(outside, { recursive: true, force: true });
      }
    });
  }

  it("reads a file named on the command line outside the estate, but not a link", () => {
    const dir = copyFixture();
    const outside = mkdtempSync(join(tmpdir(), "govcloud-outside-"));
    try {
      writeFileSync(
        join(outside, "water.yaml"),
        readFileSync(join(dir, "departments", "water.yaml")),
      );
      symlinkSync(join(outside, "water.yaml"), join(outside, "link.yaml"));
      const named = loadEstate(dir, {
        today: TODAY,
        departmentFiles: [join(outside, "water.yaml")],
      });
      assert.deepEqual(named.problems, []);
      const linked = loadEstate(dir, {
        today: TODAY,
        departmentFiles: [join(outside, "link.yaml")],
      });
      assert.deepEqual(
        linked.problems.map((p) => p.code),
        ["symbolic-link"],
      );
    } finally {
      removeDir(dir);
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
