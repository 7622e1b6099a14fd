import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { listTags } from "~/models/tag.server";
import { editThread, getThreadForEdit } from "~/models/thread.server";
import { RedactionChoice } from "~/components/RedactionChoice";
import { TagPicker } from "~/components/TagPicker";
import { formError, keepFormOnRefusal } from "~/utils/form-response.server";
import { consume, editsLimited, passRetryAfter, retryAfter } from "~/utils/rate-limit.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { MAX_TAGS, parseForm, threadEditSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Edit thread") }];

export const headers = passRetryAfter;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [thread, tags] = await Promise.all([getThreadForEdit(user, parseId(params.id, "thread id")), listTags()]);
  return { thread, tags: tags.map((t) => ({ id: t.id, name: t.name })) };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const id = parseId(params.id, "thread id");
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = parseForm(threadEditSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const wait = await consume("edits", user.id);
  if (wait) return formError("body", editsLimited(wait), form, { status: 429, headers: retryAfter(wait) });
  const { title, body, tags } = parsed.data;
  const redact = form.get("redact") === "on";
  const edited = await keepFormOnRefusal("body", form, () => editThread(user, id, { title, body, tagIds: tags, redact }));
  if (!edited.ok) return edited.refused;
  return redirect(threadPath({ id, title }));
}

export default function EditThread() {
  const { thread, tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? { title: thread.title, body: thread.body, tags: thread.tagIds.join(",") };
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit your thread</h1>
      <p className="muted">The previous version is kept in the thread's history.</p>
      <Form method="post" noValidate>
        <ThreadFields values={values} errors={errors} />
        <TagPicker tags={tags} selected={values.tags} max={MAX_TAGS} error={errors.tags} />
        {thread.canRedact ? <RedactionChoice checked={values.redact === "on"} /> : null}
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
