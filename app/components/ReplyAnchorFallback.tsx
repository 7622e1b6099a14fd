import { useEffect } from "react";

/**
 * Old links point at a reply as /threads/:id#post-N, and the part after #
 * never reaches the server. When this page does not hold that reply, ask
 * /posts/N for the page that does (once, so a reply that can't be shown
 * never loops). Without JavaScript such a link opens the first page; every
 * link the site itself makes goes through /posts/N.
 */
export function useReplyAnchorFallback(page: number) {
  useEffect(() => {
    const match = /^#post-(\d+)$/.exec(window.location.hash);
    if (!match || document.getElementById(`post-${match[1]}`)) return;
    const key = `cocreate:located-post-${match[1]}`;
    if (sessionStorage.getItem(key)) {
      sessionStorage.removeItem(key);
      return;
    }
    sessionStorage.setItem(key, "1");
    window.location.replace(`/posts/${match[1]}`);
  }, [page]);
}
