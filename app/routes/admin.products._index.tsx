import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireAdmin } from "~/auth/session.server";
import { createProduct, listProducts, moveProduct, setProductArchived } from "~/models/product.server";
import { ProductFields } from "~/components/ProductFields";
import { SubmitButton } from "~/components/SubmitButton";
import { invariantResponse, parseId } from "~/utils/http";
import { parseForm, productSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Products — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { products: await listProducts({ includeArchived: true }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "create") {
    const parsed = parseForm(productSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await createProduct(user, parsed.data);
    if (!result.ok) return data({ errors: result.errors, values: parsed.data }, { status: 400 });
    return redirect(`/products/${result.product.slug}`);
  }
  const productId = parseId(form.get("productId"), "product id");
  switch (intent) {
    case "move-up":
    case "move-down":
      await moveProduct(user, productId, intent === "move-up" ? "up" : "down");
      break;
    case "archive":
    case "unarchive":
      await setProductArchived(user, productId, intent === "archive");
      break;
    default:
      invariantResponse(false, "That action is not something this page can do.", { status: 400 });
  }
  return redirect("/admin/products");
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
        The order here is the order on the home page. Archived products leave the lists and take no new threads; their
        threads stay readable.
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
          <ProductFields values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} />
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
    <SubmitButton intent={props.intent} name="productId" value={String(props.productId)} pendingText={props.pendingText} className="button button-small">
      {props.children}
    </SubmitButton>
  );
}
