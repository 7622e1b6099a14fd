import type { Role } from "~db/schema";

export const roles = ["member", "staff", "admin"] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = { member: "Member", staff: "Staff", admin: "Admin" };
