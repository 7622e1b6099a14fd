import { useEffect, useRef, useState } from "react";

export type SimilarLink = { id: number; title: string; href: string; productName: string; solved: boolean };

type Props = {
  /** What the server found for the last "Check for similar threads" (works without JavaScript). */
  initial: SimilarLink[] | null;
  title: string | null;
  product: string | null;
};

const DEBOUNCE_MS = 350;

/**
 * Existing threads like the one being written. Without JavaScript the
 * "Check for similar threads" button asks the server; with it, suggestions
 * follow the title as it is typed.
 */
export function SimilarThreads({ initial, title, product }: Props) {
  const [threads, setThreads] = useState<SimilarLink[] | null>(initial);
  const [answered, setAnswered] = useState(initial);
  const firstRun = useRef(true);

  // A new answer from the server (the button without JavaScript) replaces what typing found.
  if (answered !== initial) {
    setAnswered(initial);
    setThreads(initial);
  }

  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    const text = (title ?? "").trim();
    const controller = new AbortController();
    // Too short a title has no suggestions: cleared at once, the way an answer arrives.
    const timer = setTimeout(
      async () => {
        if (text.length < 3) return setThreads(null);
        const search = new URLSearchParams({ title: text, ...(product ? { product } : {}) });
        try {
          const response = await fetch(`/threads/similar?${search}`, { signal: controller.signal });
          if (response.ok) setThreads(((await response.json()) as { similar: SimilarLink[] }).similar);
        } catch {
          // A dropped suggestion request is harmless: the form still works.
        }
      },
      text.length < 3 ? 0 : DEBOUNCE_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [title, product]);

  return (
    <div className="similar-threads" aria-live="polite">
      {threads === null ? null : threads.length === 0 ? (
        <p className="muted">No similar threads found.</p>
      ) : (
        <section aria-labelledby="similar-title">
          <h2 id="similar-title" className="similar-title">
            Similar threads — maybe yours is answered already
          </h2>
          <ul>
            {threads.map((t) => (
              <li key={t.id}>
                <a href={t.href} target="_blank" rel="noopener noreferrer">
                  {t.title}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>{" "}
                <span className="muted">
                  in {t.productName}
                  {t.solved ? " · solved" : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
