import { Link } from "@remix-run/react";

export type TagLabel = { slug: string; name: string };

/** A thread's tags, each linking to its list. */
export function TagLinks({ tags }: { tags: TagLabel[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-links" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link className="tag" to={`/tags/${tag.slug}`}>
            #{tag.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
