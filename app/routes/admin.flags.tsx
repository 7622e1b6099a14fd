import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { flagReasonLabels } from "~/utils/flag-reasons";
import { MarkdownBody } from "~/components/MarkdownBody";
import { RelativeTime } from "~/components/RelativeTime";
import { ProfileLink } from "~/components/UserName";
import { SubmitButton } from "~/components/SubmitButton";
import { hideThreshold, listFlagQueue, resolveFlags, type FlagDecision } from "~/models/flag.server";
import { handleIntents } from "~/http/form-action.server";
import { invariantResponse, parseId } from "~/utils/http";
import { replyPath, threadPath } from "~/utils/slug";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Flags to review") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { entries: await listFlagQueue(user), threshold: hideThreshold() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const decide = (decision: FlagDecision) => async (formData: FormData) => {
    const type = formData.get("type");
    invariantResponse(type === "thread" || type === "post", "Say whether a thread or a reply is flagged.", { status: 400 });
    await resolveFlags(user, { type, id: parseId(formData.get("id"), "post id") }, decision);
    return redirect("/admin/flags");
  };
  return handleIntents(request, { agree: decide("agree"), disagree: decide("disagree"), dismiss: decide("dismiss") });
}

export default function FlagQueue() {
  const { entries, threshold } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">Flags to review</h1>
      <p className="muted">
        Posts hide themselves once their flags weigh {threshold}: a staff flag counts 2, a trusted member&apos;s 1 and a new member&apos;s
        nothing until they are trusted. Staff posts never hide themselves. Agree keeps it hidden, disagree brings it back, dismiss closes
        the flags and leaves it as it is.
      </p>
      {entries.length === 0 ? <p className="empty">Nothing to review. 🎉</p> : null}
      <ul className="flag-queue">
        {entries.map((entry) => (
          <li key={`${entry.ref.type}-${entry.ref.id}`} className="flag-entry">
            <article aria-label={`Flagged ${entry.ref.type === "thread" ? "thread" : "reply"} by ${entry.authorUsername}`}>
              <h2>
                {entry.ref.type === "thread" ? "Thread" : "Reply"} by <ProfileLink username={entry.authorUsername} displayName={null} /> in{" "}
                {entry.threadId ? (
                  <Link
                    to={entry.ref.type === "post" ? replyPath(entry.ref.id) : threadPath({ id: entry.threadId, title: entry.threadTitle })}
                  >
                    {entry.threadTitle}
                  </Link>
                ) : null}
              </h2>
              <p>
                {entry.deleted ? <strong>Deleted.</strong> : entry.hidden ? <strong>Hidden now.</strong> : "Still visible."}{" "}
                {entry.editedAfterFlag ? <strong>Edited by the author since it was flagged.</strong> : null}
              </p>
              <div className="flagged-post">
                <MarkdownBody html={entry.bodyHtml} />
              </div>
              <ul>
                {entry.flags.map((flag) => (
                  <li key={flag.id}>
                    {flagReasonLabels[flag.reason]} — {flag.flaggerUsername}
                    {flag.counts ? null : <span className="muted"> (new member: doesn&apos;t count toward hiding)</span>} ·{" "}
                    <RelativeTime ms={flag.createdAt} />
                    {flag.note ? <span className="muted"> “{flag.note}”</span> : null}
                  </li>
                ))}
              </ul>
              <Form method="post" className="decision-buttons">
                <input type="hidden" name="type" value={entry.ref.type} />
                <input type="hidden" name="id" value={entry.ref.id} />
                <SubmitButton intent="agree" pendingText="Saving…" className="button button-small">
                  Agree: hide it
                </SubmitButton>
                <SubmitButton intent="disagree" pendingText="Saving…" className="button button-small">
                  Disagree: show it
                </SubmitButton>
                <SubmitButton intent="dismiss" pendingText="Saving…" className="button button-small button-quiet">
                  Dismiss flags
                </SubmitButton>
              </Form>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
