import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A post's own address, as a visible link; with JavaScript also a button
 * that copies the full address (without it, the link is there to copy or
 * open as any link).
 */
export function Permalink({ href, label }: { href: string; label: string }) {
  // False in the server's HTML, true once the browser runs the page and can copy.
  const canCopy = useSyncExternalStore(
    noSubscription,
    () => navigator.clipboard !== undefined,
    () => false,
  );
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(new URL(href, window.location.href).toString());
    setCopied(true);
  };
  return (
    <span className="permalink">
      <a href={href} aria-label={label}>
        Link
      </a>
      {canCopy ? (
        <button type="button" className="button button-small button-quiet" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy link"}
        </button>
      ) : null}
      <span role="status" className="visually-hidden">
        {copied ? "Link copied" : ""}
      </span>
    </span>
  );
}
