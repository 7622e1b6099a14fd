import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { listTags } from "~/models/tag.server";
import { editThread, getThreadForEdit } from "~/models/thread.server";
import { TagPicker } from "~/components/TagPicker";
import { checkPostingLimit } from "~/models/posting-limits.server";
import { formError } from "~/utils/form-response.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { MAX_TAGS, parseForm, threadEditSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Edit thread") }];

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
  const limit = await checkPostingLimit(user, "edit", parsed.data.body);
  if (limit) return formError("body", limit.message, form, { status: limit.status });
  const { title, body, tags } = parsed.data;
  await editThread(user, id, { title, body, tagIds: tags });
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
