const reservedSlugs = new Set(["edit", "status", "credits", "merge", "measure", "staff-notes", "flag", "moderate", "history"]);

/** A URL-friendly form of a title or name: lowercase ASCII words joined by dashes. */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
  // These are the thread's own sub-pages (/threads/1/edit …), never a slug.
  return reservedSlugs.has(slug) ? `${slug}-thread` : slug;
}

export function threadPath(thread: { id: number; title: string }): string {
  const slug = slugify(thread.title);
  return slug ? `/threads/${thread.id}/${slug}` : `/threads/${thread.id}`;
}

/** A page of a thread's replies: page 1 is the thread's own address (its canonical URL), later pages add ?page=N. */
export function threadPagePath(thread: { id: number; title: string }, page: number): string {
  return page > 1 ? `${threadPath(thread)}?page=${page}` : threadPath(thread);
}

/** Where a link to one reply goes: /posts/:id opens the page of the thread that holds it, at the reply. */
export function replyPath(postId: number): string {
  return `/posts/${postId}`;
}
