import { Link } from "@remix-run/react";

type CoDesigner = { username: string; displayName: string | null; contribution: string };

/** The customers credited with shaping a co-designed idea. */
export function CoDesigners({ people, manageHref }: { people: CoDesigner[]; manageHref?: string }) {
  return (
    <section className="codesigners" aria-labelledby="codesigners-title" id="codesigners">
      <h2 id="codesigners-title">★ Co-designed with</h2>
      <ul>
        {people.map((p) => (
          <li key={p.username}>
            <Link to={`/users/${p.username}`}>
              <strong>{p.displayName || p.username}</strong>
            </Link>{" "}
            <span className="username">@{p.username}</span>
            <span className="contribution"> — {p.contribution}</span>
          </li>
        ))}
      </ul>
      {manageHref ? (
        <p>
          <Link to={manageHref}>Manage co-designer credits</Link>
        </p>
      ) : null}
    </section>
  );
}
