import { Link } from "@remix-run/react";
import type { Role } from "~db/schema";
import { FORMER_MEMBER, isFormerMember } from "~/utils/former-member";
import { StaffBadge } from "./Badges";

type Person = { username: string; displayName: string | null };

/** A person's display name (or username) as a link to their profile: how every list and post names someone. */
export function ProfileLink({ username, displayName }: Person) {
  if (isFormerMember(username)) return <span className="profile-link">{FORMER_MEMBER}</span>;
  return (
    <Link to={`/users/${username}`} className="profile-link">
      {displayName || username}
    </Link>
  );
}

/** A post's author: avatar, name linking to the profile, @username and a staff badge where it applies. */
export function UserName({ username, displayName, role }: Person & { role?: Role }) {
  return (
    <span className="user-name">
      <span className="avatar" aria-hidden="true">
        {isFormerMember(username) ? "?" : (displayName || username).charAt(0).toUpperCase()}
      </span>
      <strong>
        <ProfileLink username={username} displayName={displayName} />
      </strong>
      {displayName && !isFormerMember(username) ? <span className="username">@{username}</span> : null}
      {role && role !== "member" ? <StaffBadge /> : null}
    </span>
  );
}
