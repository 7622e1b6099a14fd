import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireAdmin } from "~/auth/session.server";
import { createProduct, listProducts, moveProduct, setProductArchived } from "~/models/product.server";
import { ProductFields } from "~/components/ProductFields";
import { SubmitButton } from "~/components/SubmitButton";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { productSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Products — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { products: await listProducts({ includeArchived: true }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  /** The buttons of a product's row. */
  const row = (change: (productId: number) => Promise<void>) => async (formData: FormData) => {
    await change(parseId(formData.get("productId"), "product id"));
    return redirect("/admin/products");
  };
  return handleIntents(request, {
    create: form(productSchema, async (input) => {
      const product = await createProduct(user, input);
      return redirect(`/products/${product.slug}`);
    }),
    "move-up": row((id) => moveProduct(user, id, "up")),
    "move-down": row((id) => moveProduct(user, id, "down")),
    archive: row((id) => setProductArchived(user, id, true)),
    unarchive: row((id) => setProductArchived(user, id, false)),
  });
}

export default function AdminProducts() {
  const { products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1>Products</h1>
      <p className="muted">
        The order here is the order on the home page. Archived products leave the lists and take no new threads; their threads stay
        readable.
      </p>
      <div className="table-scroll">
        <table className="admin-table stack-table">
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
            {products.map((p, index) => (
              <tr key={p.id} className={p.archivedAt ? "archived-row" : undefined}>
                <td>
                  <Link to={`/products/${p.slug}`}>{p.name}</Link>
                  {p.archivedAt ? <span className="badge badge-kind"> Archived</span> : null}
                </td>
                <td data-label="Slug">
                  <code>{p.slug}</code>
                </td>
                <td data-label="Threads">{p.threadCount}</td>
                <td>
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="productId" value={p.id} />
                    <Link to={`/admin/products/${p.id}`} aria-label={`Edit ${p.name}`}>
                      Edit
                    </Link>
                    {index > 0 ? (
                      <RowButton intent="move-up" productId={p.id} pendingText="Moving…">
                        Move up<span className="visually-hidden"> {p.name}</span>
                      </RowButton>
                    ) : null}
                    {index < products.length - 1 ? (
                      <RowButton intent="move-down" productId={p.id} pendingText="Moving…">
                        Move down<span className="visually-hidden"> {p.name}</span>
                      </RowButton>
                    ) : null}
                    {p.archivedAt ? (
                      <RowButton intent="unarchive" productId={p.id} pendingText="Restoring…">
                        Unarchive<span className="visually-hidden"> {p.name}</span>
                      </RowButton>
                    ) : (
                      <RowButton intent="archive" productId={p.id} pendingText="Archiving…">
                        Archive<span className="visually-hidden"> {p.name}</span>
                      </RowButton>
                    )}
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="form-page" aria-labelledby="create-title">
        <h2 id="create-title">Add a product</h2>
        <Form method="post" noValidate>
          <ProductFields feedback={feedbackFor(actionData, "create")} />
          <SubmitButton intent="create" pendingText="Creating…" className="button button-primary">
            Create product
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}

function RowButton(props: { intent: string; productId: number; pendingText: string; children: ReactNode }) {
  return (
    <SubmitButton
      intent={props.intent}
      name="productId"
      value={String(props.productId)}
      pendingText={props.pendingText}
      className="button button-small"
    >
      {props.children}
    </SubmitButton>
  );
}
