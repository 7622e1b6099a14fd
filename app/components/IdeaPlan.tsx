type Plan = {
  target: { label: string; isPublic: boolean } | null;
  links: { id: number; url: string; tracker: string; key: string; isPublic: boolean }[];
};

/** When the idea is expected and where engineers work on it, as far as the viewer may see (staff also see what is staff only, marked). */
export function IdeaPlan({ plan }: { plan: Plan }) {
  if (!plan.target && plan.links.length === 0) return null;
  return (
    <section className="idea-plan" aria-labelledby="plan-title">
      <h2 id="plan-title" className="visually-hidden">
        Target and issues
      </h2>
      {plan.target ? (
        <p>
          Target release: <strong>{plan.target.label}</strong>
          {plan.target.isPublic ? null : <span className="badge badge-kind"> Staff only</span>}
        </p>
      ) : null}
      {plan.links.length > 0 ? (
        <p>
          Work tracked in{" "}
          {plan.links.map((link, i) => (
            <span key={link.id}>
              {i > 0 ? ", " : null}
              <a href={link.url} rel="noopener noreferrer">
                {link.tracker} {link.key}
              </a>
              {link.isPublic ? null : <span className="badge badge-kind"> Staff only</span>}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
