import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "~/auth/session.server";
import { getProductBySlug, listProducts } from "~/models/product.server";
import { findSimilarThreads } from "~/models/search.server";
import { listTags } from "~/models/tag.server";
import { createThread } from "~/models/thread.server";
import { SimilarThreads } from "~/components/SimilarThreads";
import { TagPicker } from "~/components/TagPicker";
import { formError, keepFormOnRefusal } from "~/utils/form-response.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import { threadPath } from "~/utils/slug";
import { consume, passRetryAfter, retryAfter } from "~/utils/rate-limit.server";
import { formValues, MAX_TAGS, parseForm, threadSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Start a thread") }];

export const headers = passRetryAfter;

const kinds = [
  { value: "question", label: "Question", hint: "You need help; someone's reply can be marked as the answer." },
  { value: "idea", label: "Idea", hint: "Propose a feature; members vote and staff may co-design it with you." },
  { value: "discussion", label: "Discussion", hint: "Share experience, feedback or anything else." },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const [products, tags] = await Promise.all([listProducts(), listTags()]);
  return {
    products: products.map((p) => ({ slug: p.slug, name: p.name })),
    tags: tags.map((t) => ({ id: t.id, name: t.name })),
    product: url.searchParams.get("product") ?? "",
    kind: url.searchParams.get("kind") ?? "question",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "similar") {
    // Without JavaScript: show threads like this one and give the form back as typed.
    const values = formValues(form);
    const similar = await findSimilarThreads(values.title ?? "", { productSlug: values.product || null });
    return data({ errors: {}, values, similar });
  }
  const parsed = parseForm(threadSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, similar: null }, { status: 400 });
  const product = await getProductBySlug(parsed.data.product);
  if (!product || product.archived_at !== null) {
    return data(
      { errors: { product: "Choose one of the listed products." }, values: formValues(form), similar: null },
      { status: 400 },
    );
  }
  const { kind, title, body, tags } = parsed.data;
  const wait = await consume("threads", user.id);
  if (wait) {
    const message = `You have started several threads in a short time. Please try again ${wait.when}; your text is kept.`;
    return formError("body", message, form, { status: 429, headers: retryAfter(wait) });
  }
  const created = await keepFormOnRefusal("body", form, () => createThread(user, { productId: product.id, kind, title, body, tagIds: tags }));
  if (!created.ok) return created.refused;
  return redirect(threadPath({ id: created.written, title }));
}

export default function NewThread() {
  const { products, tags, product, kind } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const values: Partial<Record<string, string>> = actionData?.values ?? { product, kind };
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
          {errors.product ? (
            <p className="field-error" id="product-error" role="alert">
              {errors.product}
            </p>
          ) : null}
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
          {errors.kind ? (
            <p className="field-error" id="kind-error" role="alert">
              {errors.kind}
            </p>
          ) : null}
        </fieldset>
        <ThreadFields
          values={values}
          errors={errors}
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
        <TagPicker tags={tags} selected={values.tags} max={MAX_TAGS} error={errors.tags} />
        <SubmitButton intent="post" pendingText="Posting…" className="button button-primary">
          Post thread
        </SubmitButton>
      </Form>
    </section>
  );
}
