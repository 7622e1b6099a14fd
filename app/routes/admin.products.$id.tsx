import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { getProductById, updateProduct } from "~/models/product.server";
import { ProductFields } from "~/components/ProductFields";
import { SubmitButton } from "~/components/SubmitButton";
import { handleForm } from "~/http/form-action.server";
import { invariantResponse, parseId } from "~/utils/http";
import { productSchema } from "~/utils/validation.server";
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
  return handleForm(request, productSchema, async (input) => {
    const product = await updateProduct(user, id, input);
    return redirect(`/products/${product.slug}`);
  });
}

export default function EditProduct() {
  const product = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="edit-title">
      <h1 id="edit-title">Edit {product.name}</h1>
      <Form method="post" noValidate>
        <ProductFields initial={product} feedback={actionData} />
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
