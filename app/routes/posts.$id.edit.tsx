import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { editReply, getReplyForEdit } from "~/models/post.server";
import { checkPostingLimit } from "~/models/posting-limits.server";
import { formError } from "~/utils/form-response.server";
import { TextAreaField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { parseId } from "~/utils/http";
import { replyPath } from "~/utils/slug";
import { parseForm, replySchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Edit reply") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getReplyForEdit(user, parseId(params.id, "reply id"));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const id = parseId(params.id, "reply id");
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = parseForm(replySchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const limit = await checkPostingLimit(user, "edit", parsed.data.body);
  if (limit) return formError("body", limit.message, form, { status: limit.status });
  await editReply(user, id, parsed.data.body);
  return redirect(replyPath(id));
}

export default function EditReply() {
  const reply = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit your reply</h1>
      <p className="muted">
        In <Link to={`/threads/${reply.threadId}`}>{reply.threadTitle}</Link>. The previous version is kept in the
        thread's history.
      </p>
      <Form method="post" noValidate>
        <TextAreaField
          label="Reply"
          name="body"
          rows={10}
          required
          defaultValue={actionData?.values.body ?? reply.body}
          error={actionData?.errors.body}
        />
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
