/**
 * Who gets which Keystone role on a department's project. Roles are looked up by name at each
 * run (ids differ between clouds); the names are Keystone's default roles.
 *
 * - The automation account gets `member`: enough to create instances, volumes and server groups
 *   through the project-scoped provider, and no more.
 * - Owners with role `maintainer` get `member`: they operate the department's machines (console,
 *   reboot), while every change of shape goes through their file.
 * - Owners with role `approver` get `reader`: they see what they approve.
 */
import type { OwnerRole } from "./types";

export const AUTOMATION_ROLE = "member";

export const OWNER_ROLES: Readonly<Record<OwnerRole, string>> = {
  approver: "reader",
  maintainer: "member",
};
