import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FormError, TextAreaField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { form, handleIntents } from "~/http/form-action.server";
import {
  acceptCredit,
  answerInvitation,
  getGroupForStaff,
  inviteToGroup,
  openGroup,
  publishSummary,
  setShowName,
} from "~/models/codesign.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { threadPath } from "~/utils/slug";
import { groupAnswerSchema, groupInviteSchema, groupSummarySchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Co-design group") }];

/** Staff only (the model refuses others): open the group, invite, publish the summary. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getGroupForStaff(user, parseId(params.id, "thread id"));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const ideaId = parseId(params.id, "thread id");
  const user = await requireUser(request);
  const here = `/threads/${ideaId}/codesign`;
  const onIdea = `/threads/${ideaId}#codesign`;
  return handleIntents(request, {
    open: async () => {
      await openGroup(user, ideaId);
      return redirect(here);
    },
    invite: form(groupInviteSchema, async ({ invite, usernames }) => {
      const count = await inviteToGroup(user, ideaId, { userIds: invite, usernames });
      return redirect(`${here}?invited=${count}`);
    }),
    summary: form(groupSummarySchema, async ({ summary }) => {
      await publishSummary(user, ideaId, summary);
      return redirect(onIdea);
    }),
    join: form(groupAnswerSchema, async ({ showName }) => {
      await answerInvitation(user, ideaId, "accepted", showName);
      return redirect(onIdea);
    }),
    decline: async () => {
      await answerInvitation(user, ideaId, "declined");
      return redirect(onIdea);
    },
    "show-name": async () => {
      await setShowName(user, ideaId, true);
      return redirect(onIdea);
    },
    "hide-name": async () => {
      await setShowName(user, ideaId, false);
      return redirect(onIdea);
    },
    "take-credit": async () => {
      await acceptCredit(user, ideaId);
      return redirect(`/threads/${ideaId}#codesigners`);
    },
  });
}

const stateLabels = { invited: "Invited, no answer yet", accepted: "Member", declined: "Declined" } as const;

export default function CodesignPage() {
  const { idea, canOpen, group, discussion, members, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const invite = feedbackFor(actionData, "invite");
  const summary = feedbackFor(actionData, "summary");
  if (!group) {
    return (
      <ThreadSubpage thread={idea} title="Co-design group">
        {canOpen ? (
          <Form method="post">
            <p>
              A private group where the customers you invite shape this idea with the team. Its discussion is seen only by them and staff.
            </p>
            <SubmitButton intent="open" pendingText="Opening…">
              Open a co-design group
            </SubmitButton>
          </Form>
        ) : (
          <p>Accept the idea or plan it first: co-design groups are for accepted or planned ideas.</p>
        )}
      </ThreadSubpage>
    );
  }
  return (
    <ThreadSubpage thread={idea} title="Co-design group">
      {discussion ? (
        <p>
          <Link to={threadPath(discussion)}>Open the group's private discussion</Link>
        </p>
      ) : null}
      <h2>People</h2>
      {members.length === 0 ? (
        <p className="muted">Nobody is invited yet.</p>
      ) : (
        <ul className="credit-list">
          {members.map((m) => (
            <li key={m.id}>
              {m.displayName || m.username} <span className="username">@{m.username}</span> — {stateLabels[m.state]}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="codesign-invite-form">
        <h2>Invite</h2>
        <FormError message={invite?.errors.form} />
        {candidates.length > 0 ? (
          <fieldset>
            <legend>Voters, people with a measure of success, and participants</legend>
            {candidates.map((c) => (
              <label key={c.id} className="choice">
                <input type="checkbox" name="invite" value={c.id} /> {c.displayName || c.username}{" "}
                <span className="username">@{c.username}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <TextField label="Or invite by username" name="usernames" hint="Separate several with spaces or commas." feedback={invite} />
        <SubmitButton intent="invite" pendingText="Inviting…">
          Send invitations
        </SubmitButton>
      </Form>
      <Form method="post">
        <h2>Summary for the public idea</h2>
        <TextAreaField
          label="What the group worked out (Markdown)"
          name="summary"
          rows={6}
          defaultValue={group.summary}
          hint="Publishing it shows it on the idea and offers the group's members co-designer credit."
          feedback={summary}
        />
        <SubmitButton intent="summary" pendingText="Publishing…">
          {group.summaryAt ? "Update the summary" : "Publish the summary"}
        </SubmitButton>
      </Form>
    </ThreadSubpage>
  );
}
