import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/session.server";
import { form, handleIntents } from "~/http/form-action.server";
import { getProductFollow, setProductFollow } from "~/models/product-follow.server";
import { markProductRead } from "~/models/read-position.server";
import { ProductFollowForm } from "~/components/ProductFollowForm";
import { SubmitButton } from "~/components/SubmitButton";
import { productFollowSchema } from "~/utils/validation.server";
import { getProductBySlug } from "~/models/product.server";
import { FilteredThreads } from "~/components/FilteredThreads";
import { Announcements } from "~/components/Announcements";
import { listAnnouncements } from "~/models/announcement.server";
import { invariantResponse } from "~/utils/http";
import { loadThreadList } from "~/routes/thread-lists.server";
import { pagerMeta, seoMeta } from "~/utils/seo";
import { siteUrl } from "~/http/site-url.server";
import { pageShowsProduct } from "~/models/page-tags.server";
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
  pageShowsProduct(product.id);
  const path = `/products/${product.slug}`;
  const viewer = await getUser(request);
  const url = new URL(request.url);
  return {
    product: { slug: product.slug, name: product.name, description: product.description, archived: product.archived_at !== null },
    follow: viewer ? { level: await getProductFollow(viewer, product.id) } : null,
    notice: url.searchParams.has("read")
      ? "Marked every thread you have opened here as read."
      : url.searchParams.has("followed")
        ? "Saved."
        : null,
    canonical: siteUrl(path),
    list: await loadThreadList(request, { productId: product.id }, path),
    announcements: await listAnnouncements(await getUser(request), product.id),
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const product = await getProductBySlug(params.slug ?? "");
  invariantResponse(product, "We couldn't find that product.", { status: 404 });
  const path = `/products/${product.slug}`;
  return handleIntents(request, {
    follow: form(productFollowSchema, async ({ level }) => {
      await setProductFollow(user, product.id, level === "none" ? null : level);
      return redirect(`${path}?followed=1`);
    }),
    "mark-read": async () => {
      await markProductRead(user, product.id);
      return redirect(`${path}?read=1`);
    },
  });
}

export default function ProductPage() {
  const { product, list, follow, notice, announcements } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
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
      {follow ? (
        <div className="product-reading">
          <details className="product-follow-box" open={feedback?.intent === "follow"}>
            <summary>{follow.level ? "Following this product · change" : "Follow this product"}</summary>
            <ProductFollowForm productName={product.name} level={follow.level} error={feedback?.errors.level} />
          </details>
          <Form method="post" preventScrollReset>
            <SubmitButton intent="mark-read" pendingText="Marking…" className="button button-small button-quiet">
              Mark all read
            </SubmitButton>
          </Form>
        </div>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
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
