import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { KindBadge, ModerationBadge, StaffBadge, StatusBadge } from "~/components/Badges";
import { RelativeTime } from "~/components/RelativeTime";
import { getProfile } from "~/models/profile.server";
import { coDesignerImpact } from "~/models/success-ledger.server";
import { replyPath, threadPath } from "~/utils/slug";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, `${data.user.displayName || data.user.username} (@${data.user.username})`)
      : pageTitle(matches, "Member not found"),
  },
  { name: "description", content: data?.user.bio ?? "" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const { userId, ...profile } = await getProfile(params.username ?? "", viewer);
  // Co-designer impact: how the customers of each shipped idea they helped design judged it.
  const impact = new Map((await coDesignerImpact(userId)).map((idea) => [idea.id, idea]));
  const credits = profile.credits.map((c) => ({ ...c, impact: impact.get(c.id) ?? null }));
  return { ...profile, credits, isSelf: viewer?.username === profile.user.username };
}

export default function Profile() {
  const { user, counts, threads, replies, answers, credits, isSelf, canSuspend } = useLoaderData<typeof loader>();
  const name = user.displayName || user.username;
  return (
    <>
      <header className="profile-header">
        <span className="avatar avatar-large" aria-hidden="true">
          {name.charAt(0).toUpperCase()}
        </span>
        <div>
          <h1>
            {name} {user.role !== "member" ? <StaffBadge /> : null}
          </h1>
          <p className="muted">
            @{user.username}
            {user.accountName ? ` · ${user.accountName}` : null} · joined <RelativeTime ms={user.joinedAt} />
            {user.suspended ? " · suspended" : null}
          </p>
          {user.bio ? <p className="profile-bio">{user.bio}</p> : null}
          {isSelf ? <Link to="/settings">Edit your profile</Link> : null}
          {canSuspend ? <Link to={`/users/${user.username}/suspend`}>{user.suspended ? "Suspension" : "Suspend this member"}</Link> : null}
        </div>
      </header>
      <dl className="profile-stats">
        <div>
          <dt>Threads</dt>
          <dd>{counts.threads}</dd>
        </div>
        <div>
          <dt>Replies</dt>
          <dd>{counts.replies}</dd>
        </div>
        <div>
          <dt>Accepted answers</dt>
          <dd>{counts.answers}</dd>
        </div>
        <div>
          <dt>Co-designed ideas</dt>
          <dd>{counts.credits}</dd>
        </div>
      </dl>

      <section aria-labelledby="credits-title">
        <h2 id="credits-title">★ Co-designer credits</h2>
        {credits.length === 0 ? (
          <p className="muted">No co-designer credits yet.</p>
        ) : (
          <ul className="profile-list">
            {credits.map((c) => (
              <li key={c.id}>
                <Link to={threadPath(c)}>{c.title}</Link> <StatusBadge status={c.status} />
                <span className="contribution"> — {c.contribution}</span>
                {c.impact ? (
                  <p className="small muted impact">
                    {c.impact.judged === 0
                      ? "Shipped; no verdicts yet."
                      : `How its customers judged it: ${c.impact.met} met, ${c.impact.partly} partly, ${c.impact.notMet} not met.`}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="threads-title">
        <h2 id="threads-title">Recent threads</h2>
        {threads.length === 0 ? (
          <p className="muted">No threads yet.</p>
        ) : (
          <ul className="profile-list">
            {threads.map((t) => (
              <li key={t.id}>
                <ModerationBadge state={t.moderation} /> <KindBadge kind={t.kind} /> <Link to={threadPath(t)}>{t.title}</Link>{" "}
                <span className="muted small">
                  · <RelativeTime ms={t.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="replies-title">
        <h2 id="replies-title">Recent replies</h2>
        {replies.length === 0 ? (
          <p className="muted">No replies yet.</p>
        ) : (
          <ul className="profile-list">
            {replies.map((r) => (
              <li key={r.id}>
                <ModerationBadge state={r.moderation} /> In <Link to={replyPath(r.id)}>{r.threadTitle}</Link>{" "}
                <span className="muted small">
                  · <RelativeTime ms={r.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {answers.length > 0 ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">Accepted answers</h2>
          <ul className="profile-list">
            {answers.map((a) => (
              <li key={a.id}>
                ✓ <Link to={replyPath(a.postId)}>{a.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
