import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { threadPath } from "~/utils/slug";

/** The frame of an idea's focused pages (status, credits, merge …): what it is about and the way back. */
export function IdeaSubpage({ idea, title, children }: { idea: { id: number; title: string }; title: string; children: ReactNode }) {
  return (
    <section className="form-page" aria-labelledby="subpage-title">
      <p className="breadcrumb">
        <Link to={threadPath(idea)}>← {idea.title}</Link>
      </p>
      <h1 id="subpage-title">{title}</h1>
      {children}
    </section>
  );
}
