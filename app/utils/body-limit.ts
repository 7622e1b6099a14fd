/**
 * How long a thread's or reply's Markdown may be: about 3,000 words, longer
 * than any forum post needs (Discourse allows 32,000 by default, Stack
 * Overflow 30,000). It also bounds what one render costs (see
 * app/markdown/render.server.ts). Kept apart from validation.ts so forms can
 * show it without bundling zod.
 */
export const BODY_MAX = 20_000;

/** What every Markdown text area says under itself. */
export const BODY_HINT = `Markdown works: **bold**, _italic_, \`code\`, lists and links. Up to ${BODY_MAX.toLocaleString("en")} characters.`;
