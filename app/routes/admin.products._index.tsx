import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { createProduct, listProducts } from "~/models/product.server";
import { ProductFields } from "~/components/ProductFields";
import { SubmitButton } from "~/components/SubmitButton";
import { parseForm, productSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Products — Admin — Cocreate" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { products: await listProducts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await request.formData();
  const parsed = parseForm(productSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createProduct(user, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: parsed.data }, { status: 400 });
  return redirect(`/products/${result.product.slug}`);
}

export default function AdminProducts() {
  const { products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Products</h1>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col">Threads</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/products/${p.slug}`}>{p.name}</Link>
              </td>
              <td>
                <code>{p.slug}</code>
              </td>
              <td>{p.threadCount}</td>
              <td>
                <Link to={`/admin/products/${p.id}`} aria-label={`Edit ${p.name}`}>
                  Edit
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="form-page" aria-labelledby="create-title">
        <h2 id="create-title">Add a product</h2>
        <Form method="post" noValidate>
          <ProductFields values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} />
          <SubmitButton pendingText="Creating…" className="button button-primary">
            Create product
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
