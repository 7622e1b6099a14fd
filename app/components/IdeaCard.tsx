import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { threadPath } from "~/utils/slug";
import { CoDesignedBadge } from "./Badges";

type CoDesigner = { username: string; displayName: string | null; contribution: string };

export type IdeaCardProps = {
  id: number;
  title: string;
  voteCount: number;
  coDesignedAt: number | null;
  productName: string;
  productSlug: string;
  coDesigners: CoDesigner[];
  /** The public target release ("Q1 2027"), where the roadmap shows one. */
  targetLabel?: string | null;
  headingLevel?: 2 | 3;
  children?: ReactNode;
};

/** An idea as the roadmap and changelog show it: title, product, votes, co-designed badge and credits. */
export function IdeaCard({ headingLevel = 3, children, ...idea }: IdeaCardProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="idea-card">
      <Heading className="idea-card-title">
        <Link to={threadPath(idea)}>{idea.title}</Link>
      </Heading>
      <p className="idea-card-meta">
        <Link to={`/products/${idea.productSlug}`} className="product-link">
          {idea.productName}
        </Link>
        <span>
          · {idea.voteCount} {idea.voteCount === 1 ? "vote" : "votes"}
        </span>
        {idea.coDesignedAt ? <CoDesignedBadge /> : null}
      </p>
      {idea.targetLabel ? <p className="idea-card-target">Target: {idea.targetLabel}</p> : null}
      {children}
      {idea.coDesigners.length > 0 ? (
        <p className="idea-card-credits">
          Co-designed with{" "}
          {idea.coDesigners.map((person, index) => (
            <span key={person.username}>
              {index > 0 ? ", " : null}
              <Link to={`/users/${person.username}`} title={person.contribution}>
                {person.displayName || person.username}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </article>
  );
}
