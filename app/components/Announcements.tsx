import { Link } from "@remix-run/react";
import { threadPath } from "~/utils/slug";

type Announcement = { id: number; title: string; scope: "product" | "site" | null };

/** The pinned announcements above a list of threads. */
export function Announcements({ items }: { items: Announcement[] }) {
  if (items.length === 0) return null;
  return (
    <section className="announcements" aria-labelledby="announcements-title">
      <h2 id="announcements-title">Announcements</h2>
      <ul>
        {items.map((a) => (
          <li key={a.id}>
            <span className="badge badge-kind">📌 {a.scope === "site" ? "Site-wide" : "Pinned"}</span>{" "}
            <Link to={threadPath(a)}>{a.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
