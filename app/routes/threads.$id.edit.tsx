import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { editThread, getThreadForEdit } from "~/models/thread.server";
import { checkPostingLimit } from "~/models/posting-limits.server";
import { formError } from "~/utils/form-response.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { parseForm, threadEditSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Edit thread — Cocreate" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getThreadForEdit(user, parseId(params.id, "thread id"));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const id = parseId(params.id, "thread id");
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = parseForm(threadEditSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const limit = await checkPostingLimit(user, "edit", parsed.data.body);
  if (limit) return formError("body", limit.message, form, { status: limit.status });
  await editThread(user, id, parsed.data);
  return redirect(threadPath({ id, title: parsed.data.title }));
}

export default function EditThread() {
  const thread = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit your thread</h1>
      <p className="muted">The previous version is kept in the thread's history.</p>
      <Form method="post" noValidate>
        <ThreadFields values={actionData?.values ?? { title: thread.title, body: thread.body }} errors={actionData?.errors ?? {}} />
        <div className="form-actions">
          <SubmitButton pendingText="Saving…" className="button button-primary">
            Save changes
          </SubmitButton>
          <Link to={threadPath(thread)}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
