import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProductBySlug } from "~/models/product.server";
import { listProductThreads, parseCursor } from "~/models/thread.server";
import { ThreadList } from "~/components/ThreadList";
import { invariantResponse } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.product.name} — Cocreate` : "Product not found — Cocreate" },
  { name: "description", content: data?.product.description ?? "" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const product = await getProductBySlug(params.slug ?? "");
  invariantResponse(product, "We couldn't find that product.", { status: 404 });
  const after = new URL(request.url).searchParams.get("after");
  const cursor = parseCursor(after);
  invariantResponse(after === null || cursor, "That page link is not valid.", { status: 400 });
  const page = await listProductThreads(product.id, cursor);
  return {
    product: { slug: product.slug, name: product.name, description: product.description },
    isFirstPage: cursor === null,
    ...page,
  };
}

export default function ProductPage() {
  const { product, threads, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
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
      </header>
      <section aria-labelledby="threads-title">
        <h2 id="threads-title" className="visually-hidden">
          Threads
        </h2>
        <ThreadList threads={threads} showProduct={false} />
      </section>
      <nav className="pager" aria-label="Pages">
        {!isFirstPage ? <Link to={`/products/${product.slug}`}>← Newest threads</Link> : <span />}
        {nextCursor ? (
          <Link rel="next" to={`/products/${product.slug}?after=${nextCursor}`}>
            Older threads →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
