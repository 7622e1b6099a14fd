import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { createTag, deleteTag, listTagsWithCounts, renameTag } from "~/models/tag.server";
import { TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { invariantResponse, parseId } from "~/utils/http";
import { formValues, parseForm, tagSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Tags — Staff") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { tags: await listTagsWithCounts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "delete") {
    await deleteTag(user, parseId(form.get("tagId"), "tag id"));
    return redirect("/admin/tags");
  }
  invariantResponse(intent === "create" || intent === "rename", "That action is not something this page can do.", {
    status: 400,
  });
  const tagId = intent === "rename" ? parseId(form.get("tagId"), "tag id") : null;
  const parsed = parseForm(tagSchema, form);
  if (!parsed.ok) return data({ tagId, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = tagId === null ? await createTag(user, parsed.data) : await renameTag(user, tagId, parsed.data);
  if (!result.ok) return data({ tagId, errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect("/admin/tags");
}

export default function AdminTags() {
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const feedbackFor = (tagId: number | null) =>
    actionData && actionData.tagId === tagId ? actionData : { errors: {} as Record<string, string | undefined>, values: undefined };
  const create = feedbackFor(null);
  return (
    <>
      <h1>Tags</h1>
      <p className="muted">Members choose up to five of these for their threads. Renaming keeps the tag on its threads; deleting removes it from them.</p>
      {tags.length === 0 ? <p className="empty">No tags yet.</p> : null}
      <ul className="tag-admin-list">
        {tags.map((tag) => {
          const feedback = feedbackFor(tag.id);
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
                  <TextField
                    label="Name"
                    id={`name-${tag.id}`}
                    name="name"
                    defaultValue={feedback.values?.name ?? tag.name}
                    error={feedback.errors.name}
                  />
                  <TextField
                    label="Slug"
                    id={`slug-${tag.id}`}
                    name="slug"
                    defaultValue={feedback.values?.slug ?? tag.slug}
                    error={feedback.errors.slug}
                  />
                  <SubmitButton intent="rename" name="tagId" value={String(tag.id)} pendingText="Saving…" className="button button-small">
                    Rename
                  </SubmitButton>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="tagId" value={tag.id} />
                  <SubmitButton intent="delete" name="tagId" value={String(tag.id)} pendingText="Deleting…" className="button button-small button-quiet">
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
          <TextField label="Name" id="new-name" name="name" defaultValue={create.values?.name} error={create.errors.name} />
          <TextField
            label="Slug"
            id="new-slug"
            name="slug"
            defaultValue={create.values?.slug}
            error={create.errors.slug}
            hint="Used in the address: /tags/your-slug"
          />
          <SubmitButton intent="create" pendingText="Creating…" className="button button-primary">
            Create tag
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
