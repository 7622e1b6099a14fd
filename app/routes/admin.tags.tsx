import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { createTag, deleteTag, listTagsWithCounts, renameTag } from "~/models/tag.server";
import { TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { tagSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Tags — Staff") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { tags: await listTagsWithCounts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const tagIdOf = (formData: FormData) => parseId(formData.get("tagId"), "tag id");
  const done = () => redirect("/admin/tags");
  return handleIntents(request, {
    create: form(tagSchema, async (tag) => {
      await createTag(user, tag);
      return done();
    }),
    rename: form(tagSchema, async (tag, formData) => {
      await renameTag(user, tagIdOf(formData), tag);
      return done();
    }),
    delete: async (formData) => {
      await deleteTag(user, tagIdOf(formData));
      return done();
    },
  });
}

export default function AdminTags() {
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const create = feedbackFor(actionData, "create");
  const rename = feedbackFor(actionData, "rename");
  return (
    <>
      <h1>Tags</h1>
      <p className="muted">
        Members choose up to five of these for their threads. Renaming keeps the tag on its threads; deleting removes it from them.
      </p>
      {tags.length === 0 ? <p className="empty">No tags yet.</p> : null}
      <ul className="tag-admin-list">
        {tags.map((tag) => {
          const feedback = rename?.values.tagId === String(tag.id) ? rename : undefined;
          return (
            <li key={tag.id} className="tag-admin-row">
              <h2 className="tag-admin-title">
                <Link to={`/tags/${tag.slug}`}>#{tag.name}</Link>{" "}
                <span className="muted">
                  {tag.threadCount} {tag.threadCount === 1 ? "thread" : "threads"}
                </span>
              </h2>
              <div className="tag-admin-forms">
                <Form method="post" className="inline-form" aria-label={`Rename ${tag.name}`}>
                  <input type="hidden" name="tagId" value={tag.id} />
                  <TextField label="Name" id={`name-${tag.id}`} name="name" defaultValue={tag.name} feedback={feedback} />
                  <TextField label="Slug" id={`slug-${tag.id}`} name="slug" defaultValue={tag.slug} feedback={feedback} />
                  <SubmitButton intent="rename" name="tagId" value={String(tag.id)} pendingText="Saving…" className="button button-small">
                    Rename
                  </SubmitButton>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="tagId" value={tag.id} />
                  <SubmitButton
                    intent="delete"
                    name="tagId"
                    value={String(tag.id)}
                    pendingText="Deleting…"
                    className="button button-small button-quiet"
                  >
                    Delete<span className="visually-hidden"> {tag.name}</span>
                  </SubmitButton>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
      <section className="form-page" aria-labelledby="create-tag-title">
        <h2 id="create-tag-title" className="form-title">
          Add a tag
        </h2>
        {/* A new key empties the form once the tag it created is listed. */}
        <Form method="post" noValidate key={tags.length}>
          <TextField label="Name" id="new-name" name="name" feedback={create} />
          <TextField label="Slug" id="new-slug" name="slug" feedback={create} hint="Used in the address: /tags/your-slug" />
          <SubmitButton intent="create" pendingText="Creating…" className="button button-primary">
            Create tag
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
