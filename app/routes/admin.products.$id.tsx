import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { getProductById, updateProduct } from "~/models/product.server";
import { ProductFields } from "~/components/ProductFields";
import { SubmitButton } from "~/components/SubmitButton";
import { invariantResponse, parseId } from "~/utils/http";
import { parseForm, productSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Edit product — Admin") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const product = await getProductById(parseId(params.id, "product id"));
  invariantResponse(product, "We couldn't find that product.", { status: 404 });
  return { id: product.id, name: product.name, slug: product.slug, description: product.description };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const id = parseId(params.id, "product id");
  const parsed = parseForm(productSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateProduct(user, id, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: parsed.data }, { status: 400 });
  return redirect(`/products/${result.product.slug}`);
}

export default function EditProduct() {
  const product = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit {product.name}</h1>
      <Form method="post" noValidate>
        <ProductFields values={actionData?.values ?? product} errors={actionData?.errors ?? {}} />
        <div className="form-actions">
          <SubmitButton pendingText="Saving…" className="button button-primary">
            Save product
          </SubmitButton>
          <Link to="/admin/products">Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
