import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProductBySlug } from "~/models/product.server";
import { listProductThreads, parseCursor } from "~/models/thread.server";
import { StatusFilter } from "~/components/StatusFilter";
import { ThreadList } from "~/components/ThreadList";
import { parseStatusFilter } from "~/utils/idea-status";
import { invariantResponse } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.product.name} — Cocreate` : "Product not found — Cocreate" },
  { name: "description", content: data?.product.description ?? "" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const product = await getProductBySlug(params.slug ?? "");
  invariantResponse(product, "We couldn't find that product.", { status: 404 });
  const search = new URL(request.url).searchParams;
  const after = search.get("after");
  const cursor = parseCursor(after);
  invariantResponse(after === null || cursor, "That page link is not valid.", { status: 400 });
  const status = parseStatusFilter(search.get("status"));
  const page = await listProductThreads(product.id, cursor, { status });
  return {
    product: { slug: product.slug, name: product.name, description: product.description, archived: product.archived_at !== null },
    status,
    isFirstPage: cursor === null,
    ...page,
  };
}

export default function ProductPage() {
  const { product, status, threads, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  const base = `/products/${product.slug}${status ? `?status=${status}` : ""}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> <span aria-hidden="true">›</span> <span>{product.name}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>{product.name}</h1>
          <p className="lede">{product.description}</p>
        </div>
        {product.archived ? null : (
          <div className="page-actions">
            <Link className="button" to={`/threads/new?product=${product.slug}&kind=question`}>
              Ask a question
            </Link>
            <Link className="button" to={`/threads/new?product=${product.slug}&kind=idea`}>
              Share an idea
            </Link>
            <Link className="button button-primary" to={`/threads/new?product=${product.slug}`}>
              Start a discussion
            </Link>
          </div>
        )}
      </header>
      {product.archived ? (
        <p className="notice" role="status">
          This product is archived. Its threads stay here to read, but new threads can&apos;t be started.
        </p>
      ) : null}
      <section aria-labelledby="threads-title">
        <h2 id="threads-title" className="visually-hidden">
          Threads
        </h2>
        <StatusFilter basePath={`/products/${product.slug}`} current={status} />
        <ThreadList threads={threads} showProduct={false} />
      </section>
      <nav className="pager" aria-label="Pages">
        {!isFirstPage ? <Link to={base}>← Newest threads</Link> : <span />}
        {nextCursor ? (
          <Link rel="next" to={`${base}${status ? "&" : "?"}after=${nextCursor}`}>
            Older threads →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
