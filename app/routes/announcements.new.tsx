import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { FieldError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { ThreadFields } from "~/components/ThreadFields";
import { handleForm } from "~/http/form-action.server";
import { ensure, Invalid } from "~/models/errors.server";
import { getProductBySlug, listProducts } from "~/models/product.server";
import { createThread } from "~/models/thread.server";
import { pageTitle } from "~/utils/meta";
import { threadPath } from "~/utils/slug";
import { announcementSchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Post an announcement") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const products = await listProducts();
  return {
    products: products.map((p) => ({ slug: p.slug, name: p.name })),
    product: new URL(request.url).searchParams.get("product") ?? "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  return handleForm(request, announcementSchema, async ({ product: slug, title, body, siteWide, repliesOn, expiresOn }) => {
    const product = await getProductBySlug(slug);
    ensure(product && product.archived_at === null, Invalid, "product", "Choose one of the listed products.");
    const id = await createThread(user, {
      productId: product.id,
      kind: "discussion",
      title,
      body,
      announcement: { scope: siteWide ? "site" : "product", expiresAt: expiresOn, repliesOn },
    });
    return redirect(threadPath({ id, title }));
  });
}

export default function NewAnnouncement() {
  const { products, product } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const values = feedback?.values;
  return (
    <section className="form-page" aria-labelledby="announce-title">
      <h1 id="announce-title">Post an announcement</h1>
      <p className="lede">
        It is pinned at the top of the product&apos;s lists (or every list) until it expires or you unpin it, and the product&apos;s
        followers are notified.
      </p>
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor="product">Product</label>
          <select
            id="product"
            name="product"
            defaultValue={values?.product ?? product}
            aria-invalid={feedback?.errors.product ? true : undefined}
            aria-describedby={feedback?.errors.product ? "product-error" : undefined}
          >
            <option value="">Choose a product…</option>
            {products.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError name="product" message={feedback?.errors.product} />
        </div>
        <ThreadFields feedback={feedback} />
        <label className="choice">
          <input type="checkbox" name="siteWide" defaultChecked={values?.siteWide === "on"} /> Site-wide: pin it on the home page and every
          product
        </label>
        <label className="choice">
          <input type="checkbox" name="repliesOn" defaultChecked={values ? values.repliesOn === "on" : true} /> Members may reply
        </label>
        <TextField
          label="Unpin after (optional)"
          name="expiresOn"
          type="date"
          hint="The last day it stays pinned (UTC)."
          feedback={feedback}
        />
        <SubmitButton pendingText="Posting…" className="button button-primary">
          Post the announcement
        </SubmitButton>
      </Form>
    </section>
  );
}
