import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { editReply, getReplyForEdit } from "~/models/post.server";
import { form, handleIntents, limitRate, preview } from "~/http/form-action.server";
import { editsLimited, passRetryAfter } from "~/http/rate-limit.server";
import { MarkdownEditor } from "~/components/MarkdownEditor";
import { RedactionChoice } from "~/components/RedactionChoice";
import { SubmitButton } from "~/components/SubmitButton";
import { parseId } from "~/utils/http";
import { replyPath } from "~/utils/slug";
import { BODY_HINT, BODY_MAX } from "~/utils/form-limits";
import { replySchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Edit reply") }];

export const headers = passRetryAfter;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getReplyForEdit(user, parseId(params.id, "reply id"));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const id = parseId(params.id, "reply id");
  const user = await requireUser(request);
  return handleIntents(
    request,
    {
      save: form(replySchema, async ({ body }, formData) => {
        await limitRate("edits", user.id, "body", editsLimited);
        await editReply(user, id, body, { redact: formData.get("redact") === "on" });
        return redirect(replyPath(id));
      }),
      preview,
    },
    { withoutIntent: "save" },
  );
}

export default function EditReply() {
  const reply = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit your reply</h1>
      <p className="muted">
        In <Link to={`/threads/${reply.threadId}`}>{reply.threadTitle}</Link>. The previous version is kept in the thread's history.
      </p>
      <Form method="post" noValidate>
        <MarkdownEditor
          label="Reply"
          name="body"
          rows={10}
          required
          maxLength={BODY_MAX}
          defaultValue={reply.body}
          feedback={actionData}
          hint={BODY_HINT}
        />
        {reply.canRedact ? <RedactionChoice checked={actionData?.values.redact === "on"} /> : null}
        <div className="form-actions">
          <SubmitButton pendingText="Saving…" className="button button-primary">
            Save changes
          </SubmitButton>
          <Link to={replyPath(reply.id)}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
