import type { Request, Response } from "express";
import { escapeMarkup } from "~/utils/escape";
import { pageCsp } from "~/utils/security-headers.server";
import stylesheet from "~/styles/app.css";
import { getSiteSettings } from "~/models/site-settings.server";
import { DEFAULT_SITE_NAME } from "~/utils/site-settings";

export type Answer = { status: number; title: string; message: string; headers?: Record<string, string> };

/**
 * Answers that the express layer gives before Remix runs (refused origin,
 * too many requests, a body too large, an error outside Remix): a small page
 * in the site's style for browsers, plain text for everyone else.
 */
export function sendAnswer(req: Request, res: Response, answer: Answer): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(answer.status).set({ "Cache-Control": "no-store", ...answer.headers });
  const wantsPage = !req.path.endsWith(".data") && req.accepts(["text/html", "text/plain"]) === "text/html";
  if (!wantsPage) {
    res.type("text/plain; charset=utf-8").send(`${answer.title}. ${answer.message}\n`);
    return;
  }
  const title = escapeMarkup(answer.title);
  // The name set at /admin/settings; the default when the database can't say (the error may be the database's).
  void getSiteSettings()
    .then(
      (site) => site.siteName,
      () => DEFAULT_SITE_NAME,
    )
    .then((name) => {
      const siteName = escapeMarkup(name);
      res
        .type("text/html; charset=utf-8")
        .set("Content-Security-Policy", pageCsp())
        .send(
          `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
            `<title>${title} — ${siteName}</title><link rel="stylesheet" href="${stylesheet}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>` +
            `<body><header class="site-header"><div class="container header-inner"><a class="brand" href="/"><span class="brand-mark" aria-hidden="true">◆</span> ${siteName}</a></div></header>` +
            `<main id="main" class="container"><section class="error-page" aria-labelledby="error-title">` +
            `<p class="error-status">Error ${answer.status}</p><h1 id="error-title">${title}</h1><p>${escapeMarkup(answer.message)}</p>` +
            `<p><a href="/">Back to the community home</a></p></section></main></body></html>`,
        );
    });
}
