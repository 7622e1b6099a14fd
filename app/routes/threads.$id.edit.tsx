import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { listTags } from "~/models/tag.server";
import { editThread, getThreadForEdit } from "~/models/thread.server";
import { RedactionChoice } from "~/components/RedactionChoice";
import { TagPicker } from "~/components/TagPicker";
import { form, handleIntents, limitRate, preview } from "~/http/form-action.server";
import { editsLimited, passRetryAfter } from "~/http/rate-limit.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { threadEditSchema } from "~/utils/validation.server";
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
  return handleIntents(
    request,
    {
      save: form(threadEditSchema, async ({ title, body, tags }, formData) => {
        await limitRate("edits", user.id, "body", editsLimited);
        await editThread(user, id, { title, body, tagIds: tags, redact: formData.get("redact") === "on" });
        return redirect(threadPath({ id, title }));
      }),
      preview,
    },
    { withoutIntent: "save" },
  );
}

export default function EditThread() {
  const { thread, tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit your thread</h1>
      <p className="muted">The previous version is kept in the thread's history.</p>
      <Form method="post" noValidate>
        <ThreadFields initial={thread} feedback={actionData} />
        <TagPicker tags={tags} selected={thread.tagIds.join(",")} feedback={actionData} />
        {thread.canRedact ? <RedactionChoice checked={actionData?.values.redact === "on"} /> : null}
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
