import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { IdeaCard } from "~/components/IdeaCard";
import { getProductBySlug, listProducts } from "~/models/product.server";
import { getRoadmap, RECENTLY_SHIPPED_DAYS } from "~/models/roadmap.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Roadmap") },
  { name: "description", content: "What the team plans, builds and recently shipped, shaped with customers." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const slug = new URL(request.url).searchParams.get("product") || null;
  const product = slug ? await getProductBySlug(slug) : null;
  invariantResponse(!slug || product, "We couldn't find that product.", { status: 404 });
  const [roadmap, products] = await Promise.all([getRoadmap({ productId: product?.id }), listProducts()]);
  return {
    roadmap,
    products: products.map((p) => ({ slug: p.slug, name: p.name })),
    product: product?.slug ?? "",
    shippedDays: RECENTLY_SHIPPED_DAYS,
  };
}

const columns = [
  { key: "planned", title: "Planned" },
  { key: "in_progress", title: "In progress" },
  { key: "shipped", title: "Recently shipped" },
] as const;

export default function Roadmap() {
  const { roadmap, products, product, shippedDays } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Roadmap</h1>
          <p className="lede">What the team is building next, shaped with the customers who asked for it.</p>
        </div>
        <Form method="get" className="filter-form" aria-label="Filter the roadmap">
          <div className="field">
            <label htmlFor="product">Product</label>
            <select id="product" name="product" defaultValue={product}>
              <option value="">All products</option>
              {products.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Show
          </button>
        </Form>
      </header>
      <div className="roadmap">
        {columns.map(({ key, title }) => (
          <section key={key} className="roadmap-column" aria-labelledby={`column-${key}`}>
            <h2 id={`column-${key}`}>
              {title} <span className="muted">({roadmap[key].length})</span>
            </h2>
            {key === "shipped" ? <p className="muted small">The last {shippedDays} days.</p> : null}
            {roadmap[key].length === 0 ? (
              <p className="empty">Nothing here yet.</p>
            ) : (
              roadmap[key].map((idea) => <IdeaCard key={idea.id} {...idea} />)
            )}
          </section>
        ))}
      </div>
    </>
  );
}
