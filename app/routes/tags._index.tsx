import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listTagsWithCounts } from "~/models/tag.server";
import { seoMeta } from "~/utils/seo";
import { siteUrl } from "~/http/site-url.server";
import { pageTitle, siteNameIn } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  seoMeta({
    title: pageTitle(matches, "Tags"),
    description: "Browse the community's threads by tag.",
    canonical: data?.canonical ?? "",
    siteName: siteNameIn(matches),
  });

export async function loader() {
  return { tags: await listTagsWithCounts(), canonical: siteUrl("/tags") };
}

export default function Tags() {
  const { tags } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Tags</h1>
      {tags.length === 0 ? (
        <p className="empty">No tags yet.</p>
      ) : (
        <ul className="tag-index">
          {tags.map((tag) => (
            <li key={tag.id}>
              <Link className="tag" to={`/tags/${tag.slug}`}>
                #{tag.name}
              </Link>{" "}
              <span className="muted">
                {tag.threadCount} {tag.threadCount === 1 ? "thread" : "threads"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
