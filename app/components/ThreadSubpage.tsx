import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { threadPath } from "~/utils/slug";

/** The frame of a thread's focused pages (status, credits, flag, staff tools …): what it is about and the way back. */
export function ThreadSubpage({ thread, title, children }: { thread: { id: number; title: string }; title: string; children: ReactNode }) {
  return (
    <section className="form-page" aria-labelledby="subpage-title">
      <p className="breadcrumb">
        <Link to={threadPath(thread)}>← {thread.title}</Link>
      </p>
      <h1 id="subpage-title">{title}</h1>
      {children}
    </section>
  );
}
