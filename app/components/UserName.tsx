import type { Role } from "~db/schema";
import { StaffBadge } from "./Badges";

/** A person's display name (or username) with a staff badge where it applies. */
export function UserName({
  username,
  displayName,
  role,
}: {
  username: string;
  displayName: string | null;
  role?: Role;
}) {
  return (
    <span className="user-name">
      <span className="avatar" aria-hidden="true">
        {(displayName || username).charAt(0).toUpperCase()}
      </span>
      <strong>{displayName || username}</strong>
      {displayName ? <span className="username">@{username}</span> : null}
      {role && role !== "member" ? <StaffBadge /> : null}
    </span>
  );
}
