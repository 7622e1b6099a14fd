import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProductBySlug } from "~/models/product.server";
import { FilteredThreads } from "~/components/FilteredThreads";
import { Announcements } from "~/components/Announcements";
import { listAnnouncements } from "~/models/announcement.server";
import { getUser } from "~/auth/session.server";
import { invariantResponse } from "~/utils/http";
import { loadThreadList } from "~/routes/thread-lists.server";
import { pagerMeta, seoMeta } from "~/utils/seo";
import { siteUrl } from "~/http/site-url.server";
import { pageTitle, siteNameIn } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...seoMeta({
          title: pageTitle(matches, data.product.name),
          siteName: siteNameIn(matches),
          description: data.product.description,
          canonical: data.canonical,
        }),
        ...pagerMeta(data.list.pager),
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `${data.product.name} threads`,
          href: `/products/${data.product.slug}/feed.xml`,
        },
      ]
    : [{ title: pageTitle(matches, "Product not found") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const product = await getProductBySlug(params.slug ?? "");
  invariantResponse(product, "We couldn't find that product.", { status: 404 });
  const path = `/products/${product.slug}`;
  return {
    product: { slug: product.slug, name: product.name, description: product.description, archived: product.archived_at !== null },
    canonical: siteUrl(path),
    list: await loadThreadList(request, { productId: product.id }, path),
    announcements: await listAnnouncements(await getUser(request), product.id),
  };
}

export default function ProductPage() {
  const { product, list, announcements } = useLoaderData<typeof loader>();
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
      <Announcements items={announcements} />
      <FilteredThreads path={`/products/${product.slug}`} showProduct={false} {...list} />
    </>
  );
}
