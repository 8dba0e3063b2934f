/**
 * Problems about files as files (missing, a link, a device, in the wrong place, misnamed),
 * before anything in them is read. Each names the file and says how to fix it; none quotes
 * what the file holds or where a link points.
 */
import type { FileRefusal } from "./estate-file-reader";
import { DEPARTMENTS_DIR } from "./estate-files";
import type { Problem, Severity } from "./problem";
import { tooLargeProblem } from "./yaml-source";

export type FileRole = "platform" | "department" | "tickets";

function fileProblem(
  file: string,
  code: string,
  message: string,
  fix: string,
  extra: Partial<Problem> = {},
): Problem {
  return { file, line: 1, column: 1, path: "", code, severity: "error", message, fix, ...extra };
}

export function refusalProblem(file: string, refusal: FileRefusal, role: FileRole): Problem {
  const commitFile =
    "commit the file itself in the repository (git add the content, not a link to it)";
  switch (refusal.kind) {
    case "missing":
      return fileProblem(
        file,
        "unreadable-file",
        `${file} does not exist`,
        role === "platform"
          ? "run govcloud in the folder that holds platform.yaml, or pass --root"
          : role === "tickets"
            ? "platform.yaml approvals.register names the ticket register: commit it beside platform.yaml (see docs/approvals.md)"
            : "check the path",
      );
    case "unreadable":
      return fileProblem(
        file,
        "unreadable-file",
        `${file} cannot be read (${refusal.code})`,
        "check the file's permissions",
      );
    case "symbolic-link":
      return fileProblem(
        file,
        "symbolic-link",
        `${file} is a symbolic link; govcloud reads only regular files, so that no file from outside the estate can reach a report`,
        commitFile,
        { found: "a symbolic link", allowed: "a regular file" },
      );
    case "not-a-regular-file":
      return fileProblem(
        file,
        "not-a-regular-file",
        `${file} is ${refusal.what}, not a regular file`,
        `replace it with a regular YAML file, or remove it`,
        { found: refusal.what, allowed: "a regular file" },
      );
    case "outside-estate":
      return fileProblem(
        file,
        "outside-estate",
        `${file} resolves to a place outside the estate's folder`,
        `keep ${DEPARTMENTS_DIR}/ a real folder of the repository, not a link to another place`,
        { found: "a path outside the estate", allowed: "a file inside the estate's folder" },
      );
    case "too-large":
      return tooLargeProblem(file, refusal.size);
  }
}

/** A problem about the departments folder as a whole. */
export function departmentsFolderProblem(
  code: "no-departments-folder" | "no-departments",
  what: string,
): Problem {
  return fileProblem(
    DEPARTMENTS_DIR,
    code,
    what,
    code === "no-departments"
      ? `add one file per department, ${DEPARTMENTS_DIR}/<id>.yaml (see docs/department-file.md)`
      : `create the folder ${DEPARTMENTS_DIR}/ beside platform.yaml with one file per department, ${DEPARTMENTS_DIR}/<id>.yaml`,
  );
}

/** An entry of departments/ that is not read as a department, and why. */
export function strayEntryProblem(file: string, expected: string | undefined): Problem {
  const severity: Severity = expected === undefined ? "warning" : "error";
  return {
    ...fileProblem(
      file,
      expected === undefined ? "not-a-department-file" : "wrong-extension",
      expected === undefined
        ? `${file} is not a department file (${DEPARTMENTS_DIR}/<id>.yaml) and is not read`
        : `${file} is not read: department files end in .yaml, so this department would be left out`,
      expected === undefined
        ? `move it out of ${DEPARTMENTS_DIR}/, or name it <id>.yaml if it is a department`
        : `rename it to ${expected}`,
    ),
    severity,
  };
}
