import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { form, handleIntents } from "~/http/form-action.server";
import { getIdeaSummary } from "~/models/idea.server";
import { addIssueLink, changeIssueLink, loadIdeaPlan, setTargetRelease } from "~/models/idea-plan.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { TARGET_HINT } from "~/utils/target-release";
import { issueLinkSchema, targetReleaseSchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Target and issues") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const threadId = parseId(params.id, "thread id");
  const [idea, plan] = await Promise.all([getIdeaSummary(threadId, user), loadIdeaPlan(user, threadId)]);
  return { idea, plan };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  const here = `/threads/${threadId}/plan`;
  const changeLink = (change: "remove" | "public" | "staff") => async (formData: FormData) => {
    await changeIssueLink(user, threadId, parseId(formData.get("linkId"), "issue link"), change);
    return redirect(here);
  };
  return handleIntents(request, {
    target: form(targetReleaseSchema, async (input) => {
      await setTargetRelease(user, threadId, input);
      return redirect(`${here}?saved=target`);
    }),
    link: form(issueLinkSchema, async (input) => {
      await addIssueLink(user, threadId, input);
      return redirect(`${here}?saved=link`);
    }),
    unlink: changeLink("remove"),
    publish: changeLink("public"),
    unpublish: changeLink("staff"),
  });
}

export default function IdeaPlanPage() {
  const { idea, plan } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const targetFeedback = feedbackFor(actionData, "target");
  const linkFeedback = feedbackFor(actionData, "link");
  const takesTarget = idea.status === "planned" || idea.status === "in_progress";
  return (
    <ThreadSubpage thread={idea} title="Target release and issues">
      <section aria-labelledby="target-title">
        <h2 id="target-title">Target release</h2>
        <p>
          {plan.target ? (
            <>
              Now: <strong>{plan.target.label}</strong> ({plan.target.isPublic ? "public" : "staff only"}).
            </>
          ) : (
            "No target yet."
          )}{" "}
          {takesTarget ? null : "Only planned or in-progress ideas take a target."}
        </p>
        <Form method="post" noValidate key={plan.target ? `${plan.target.value}-${plan.target.isPublic}` : "none"}>
          <FormError message={targetFeedback?.errors.form} />
          <TextField
            label="Target"
            name="target"
            feedback={targetFeedback}
            defaultValue={plan.target?.value ?? ""}
            hint={`${TARGET_HINT} Leave empty to clear the target.`}
            maxLength={20}
          />
          <div className="field">
            <label className="choice">
              <input
                type="checkbox"
                name="isPublic"
                defaultChecked={targetFeedback ? targetFeedback.values.isPublic === "on" : (plan.target?.isPublic ?? false)}
              />{" "}
              Show the target to everyone (on the idea and the roadmap)
            </label>
          </div>
          <TextField
            label="Reason for the change"
            name="reason"
            feedback={targetFeedback}
            maxLength={500}
            hint="Needed when a public target moves or is withdrawn; it shows on the idea's timeline."
          />
          <SubmitButton intent="target" pendingText="Saving…" className="button button-primary">
            Save target
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="links-title">
        <h2 id="links-title">Issues where the work happens</h2>
        {plan.links.length === 0 ? (
          <p className="empty">No issue linked yet.</p>
        ) : (
          <ul className="issue-links">
            {plan.links.map((link) => (
              <li key={link.id}>
                <a href={link.url} rel="noopener noreferrer">
                  {link.tracker} {link.key}
                </a>{" "}
                <span className="muted">{link.isPublic ? "public" : "staff only"}</span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="linkId" value={link.id} />
                  <SubmitButton intent={link.isPublic ? "unpublish" : "publish"} pendingText="Saving…" className="button button-small">
                    {link.isPublic ? `Make ${link.key} staff only` : `Show ${link.key} to everyone`}
                  </SubmitButton>{" "}
                  <SubmitButton intent="unlink" pendingText="Removing…" className="button button-small">
                    Unlink {link.key}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate key={plan.links.length}>
          <TextField
            label="Issue address"
            name="url"
            type="url"
            feedback={linkFeedback}
            maxLength={2000}
            hint="GitHub, GitLab, Jira and Linear issues are recognized by their address; any other https:// link works too."
          />
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="isPublic" defaultChecked={linkFeedback?.values.isPublic === "on"} /> Show this link to everyone
            </label>
          </div>
          <SubmitButton intent="link" pendingText="Linking…" className="button">
            Link issue
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="voters-title">
        <h2 id="voters-title">Voters</h2>
        <p>
          <a href={`/threads/${idea.id}/voters.csv`} download>
            Export this idea's voters (CSV)
          </a>{" "}
          — who voted, when, and their customer account.
        </p>
      </section>
    </ThreadSubpage>
  );
}
