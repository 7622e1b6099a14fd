import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "~/auth/session.server";
import { getProductBySlug, listProducts } from "~/models/product.server";
import { findSimilarThreads } from "~/models/search.server";
import { listTags } from "~/models/tag.server";
import { ensure, Invalid } from "~/models/errors.server";
import { createThread } from "~/models/thread.server";
import { draftKeys, getDraft, keepRefusedText } from "~/models/draft.server";
import { SimilarThreads } from "~/components/SimilarThreads";
import { TagPicker } from "~/components/TagPicker";
import { FieldError } from "~/components/Field";
import { handleIntents, form, limitRate, preview } from "~/http/form-action.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import type { FormFeedback } from "~/utils/form-feedback";
import { threadPath } from "~/utils/slug";
import { passRetryAfter } from "~/http/rate-limit.server";
import { formValues, threadSchema, type FieldsOf } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Start a thread") }];

export const headers = passRetryAfter;

const kinds = [
  { value: "question", label: "Question", hint: "You need help; someone's reply can be marked as the answer." },
  { value: "idea", label: "Idea", hint: "Propose a feature; members vote and staff may co-design it with you." },
  { value: "discussion", label: "Discussion", hint: "Share experience, feedback or anything else." },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const [products, tags, draft] = await Promise.all([listProducts(), listTags(), getDraft(user, draftKeys.newThread)]);
  return {
    draft,
    draftKey: draftKeys.newThread,
    products: products.map((p) => ({ slug: p.slug, name: p.name })),
    tags: tags.map((t) => ({ id: t.id, name: t.name })),
    product: url.searchParams.get("product") ?? "",
    kind: url.searchParams.get("kind") ?? "question",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleIntents(
    request,
    {
      // Without JavaScript: show threads like this one and give the form back as typed.
      similar: async (formData) => {
        const values = formValues(formData);
        const similar = await findSimilarThreads(values.title ?? "", { productSlug: values.product || null });
        return { intent: "similar", errors: {}, values, similar };
      },
      post: form(
        threadSchema,
        async ({ product: slug, kind, title, body, tags }) => {
          const product = await getProductBySlug(slug);
          ensure(product && product.archived_at === null, Invalid, "product", "Choose one of the listed products.");
          await limitRate(
            "threads",
            user.id,
            "body",
            (wait) => `You have started several threads in a short time. Please try again ${wait.when}; your text is kept.`,
          );
          const id = await createThread(user, { productId: product.id, kind, title, body, tagIds: tags });
          return redirect(threadPath({ id, title }));
        },
        { onRefused: (formData) => keepRefusedText(user, draftKeys.newThread, formData) },
      ),
      preview,
    },
    { withoutIntent: "post" },
  );
}

export default function NewThread() {
  const { products, tags, product, kind, draft, draftKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const feedback: FormFeedback<FieldsOf<typeof threadSchema>> | undefined = actionData;
  const errors = feedback?.errors ?? {};
  const values = feedback?.values ?? { product, kind };
  const [title, setTitle] = useState<string | null>(null);
  const [productChoice, setProductChoice] = useState<string | null>(null);
  return (
    <section className="form-page" aria-labelledby="new-title">
      <h1 id="new-title">Start a thread</h1>
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor="product">Product</label>
          <select
            id="product"
            name="product"
            defaultValue={values.product}
            onChange={(event) => setProductChoice(event.currentTarget.value)}
            aria-invalid={errors.product ? true : undefined}
            aria-describedby={errors.product ? "product-error" : undefined}
          >
            <option value="">Choose a product…</option>
            {products.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError name="product" message={errors.product} />
        </div>
        <fieldset className="field kind-choice" aria-describedby={errors.kind ? "kind-error" : undefined}>
          <legend>What kind of thread is it?</legend>
          {kinds.map((k) => (
            <label key={k.value} className="kind-option">
              <input type="radio" name="kind" value={k.value} defaultChecked={values.kind === k.value} />
              <span>
                <strong>{k.label}</strong>
                <span className="muted"> — {k.hint}</span>
              </span>
            </label>
          ))}
          <FieldError name="kind" message={errors.kind} />
        </fieldset>
        <ThreadFields
          initial={draft ? { title: draft.title ?? undefined, body: draft.body } : undefined}
          draft={{ key: draftKey, restoredAt: draft?.updatedAt ?? null }}
          feedback={feedback}
          onTitleChange={setTitle}
          afterTitle={
            <div className="similar-check">
              <SimilarThreads
                initial={actionData && "similar" in actionData ? actionData.similar : null}
                title={title}
                product={productChoice ?? values.product ?? null}
              />
              <SubmitButton intent="similar" pendingText="Checking…" className="button button-small">
                Check for similar threads
              </SubmitButton>
            </div>
          }
        />
        <TagPicker tags={tags} feedback={feedback} />
        <SubmitButton intent="post" pendingText="Posting…" className="button button-primary">
          Post thread
        </SubmitButton>
      </Form>
    </section>
  );
}
