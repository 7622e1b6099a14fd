/**
 * The limits and choices of the forms, for the pages that show them
 * (maxLength, hints) and the schemas that enforce them
 * (validation.server.ts). Kept apart from the schemas so a page never
 * bundles zod.
 */

/**
 * How long a thread's or reply's Markdown may be: about 3,000 words, longer
 * than any forum post needs (Discourse allows 32,000 by default, Stack
 * Overflow 30,000). It also bounds what one render costs (see
 * app/markdown/render.server.ts).
 */
export const BODY_MAX = 20_000;

/** What every Markdown text area says under itself. */
export const BODY_HINT = `Markdown works: **bold**, _italic_, \`code\`, lists and links. Up to ${BODY_MAX.toLocaleString("en")} characters.`;

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;

export const MAX_TAGS = 5;

export const NOTE_MAX = 5_000;
export const MEASURE_MAX = 500;

export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 500;

export const threadKinds = ["discussion", "question", "idea"] as const;

/** How long a new API token works, in days ("never": until revoked). */
export const tokenLifetimes = ["30", "90", "365", "never"] as const;

/** A customer's use case, quoted in their words when staff record feedback on their behalf. */
export const USE_CASE_MAX = 2000;
