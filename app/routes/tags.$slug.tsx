import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getTagBySlug } from "~/models/tag.server";
import { FilteredThreads } from "~/components/FilteredThreads";
import { invariantResponse } from "~/utils/http";
import { loadThreadList } from "~/routes/thread-lists.server";
import { pagerMeta, seoMeta } from "~/utils/seo";
import { siteUrl } from "~/http/site-url.server";
import { pageTitle, siteNameIn } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...seoMeta({
          title: pageTitle(matches, `#${data.tag.name}`),
          description: `Threads tagged ${data.tag.name} in the ${siteNameIn(matches)} community.`,
          siteName: siteNameIn(matches),
          canonical: data.canonical,
        }),
        ...pagerMeta(data.list.pager),
      ]
    : [{ title: pageTitle(matches, "Tag not found") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const tag = await getTagBySlug(params.slug ?? "");
  invariantResponse(tag, "We couldn't find that tag.", { status: 404 });
  const path = `/tags/${tag.slug}`;
  const list = await loadThreadList(request, { tagId: tag.id }, path);
  return { tag: { slug: tag.slug, name: tag.name }, canonical: siteUrl(path), list };
}

export default function TagPage() {
  const { tag, list } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> <span aria-hidden="true">›</span> <Link to="/tags">Tags</Link> <span aria-hidden="true">›</span>{" "}
        <span>{tag.name}</span>
      </nav>
      <header className="page-header">
        <h1>Threads tagged “{tag.name}”</h1>
      </header>
      <FilteredThreads path={`/tags/${tag.slug}`} showProduct {...list} tags={undefined} />
    </>
  );
}
