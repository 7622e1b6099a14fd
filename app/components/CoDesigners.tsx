type CoDesigner = { username: string; displayName: string | null; contribution: string };

/** The customers credited with shaping a co-designed idea. */
export function CoDesigners({ people }: { people: CoDesigner[] }) {
  return (
    <section className="codesigners" aria-labelledby="codesigners-title">
      <h2 id="codesigners-title">★ Co-designed with</h2>
      <ul>
        {people.map((p) => (
          <li key={p.username}>
            <strong>{p.displayName || p.username}</strong> <span className="username">@{p.username}</span>
            <span className="contribution"> — {p.contribution}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
