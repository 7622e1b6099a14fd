import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { getProductBySlug, listProducts } from "~/models/product.server";
import { createThread } from "~/models/thread.server";
import { ThreadFields } from "~/components/ThreadFields";
import { SubmitButton } from "~/components/SubmitButton";
import { FormError } from "~/components/Field";
import { threadPath } from "~/utils/slug";
import { consume, retryAfterHeaders, tooManyRequests } from "~/utils/rate-limit.server";
import { formValues, parseForm, threadSchema, type FieldErrors } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Start a thread — Cocreate" }];

export const headers = retryAfterHeaders;

const kinds = [
  { value: "question", label: "Question", hint: "You need help; someone's reply can be marked as the answer." },
  { value: "idea", label: "Idea", hint: "Propose a feature; members vote and staff may co-design it with you." },
  { value: "discussion", label: "Discussion", hint: "Share experience, feedback or anything else." },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const products = await listProducts();
  return {
    products: products.map((p) => ({ slug: p.slug, name: p.name })),
    product: url.searchParams.get("product") ?? "",
    kind: url.searchParams.get("kind") ?? "question",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = parseForm(threadSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const product = await getProductBySlug(parsed.data.product);
  if (!product) {
    return data(
      { errors: { product: "Choose one of the listed products." }, values: Object.fromEntries(form) as Record<string, string> },
      { status: 400 },
    );
  }
  const wait = await consume("threads", user.id);
  if (wait) {
    const message = `You have started several threads in a short time. Please try again ${wait.when}.`;
    return tooManyRequests(wait, { errors: { form: message } as FieldErrors, values: formValues(form) });
  }
  const { kind, title, body } = parsed.data;
  const id = await createThread(user, { productId: product.id, kind, title, body });
  return redirect(threadPath({ id, title }));
}

export default function NewThread() {
  const { products, product, kind } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const values: Partial<Record<string, string>> = actionData?.values ?? { product, kind };
  return (
    <section className="form-page" aria-labelledby="new-title">
      <h1 id="new-title">Start a thread</h1>
      <FormError message={errors.form} />
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor="product">Product</label>
          <select
            id="product"
            name="product"
            defaultValue={values.product}
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
        <ThreadFields values={values} errors={errors} />
        <SubmitButton pendingText="Posting…" className="button button-primary">
          Post thread
        </SubmitButton>
      </Form>
    </section>
  );
}
