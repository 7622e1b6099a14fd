import { z } from "zod";
import type { NotificationKind } from "~db/schema";
import { deliveries, emailKinds } from "~/utils/email-kinds";
import type { FieldErrors, FormValues } from "~/utils/form-feedback";
import {
  BIO_MAX,
  BODY_MAX,
  DISPLAY_NAME_MAX,
  MAX_TAGS,
  MEASURE_MAX,
  NOTE_MAX,
  threadKinds,
  TITLE_MAX,
  TITLE_MIN,
  tokenLifetimes,
} from "~/utils/form-limits";
import { ideaStatuses } from "~/utils/idea-status";
import { listSorts } from "~/utils/list-params";
import { webhookEvents } from "~/utils/webhook-events";
import { normalizeSearchText } from "~/utils/search-query";
import { roles } from "~/utils/roles";
import { SITE_DESCRIPTION_MAX, SITE_NAME_MAX, SITE_NAME_MIN } from "~/utils/site-settings";

/**
 * One schema per form, server-only: zod is about 95 KB of gzipped JavaScript
 * that no page needs (the limits pages show are in form-limits.ts). Actions
 * parse with these through app/http/form-action.server.ts; on failure the
 * form comes back with a message per field and what was typed (HTTP 400).
 */

/** The names of a schema's fields: what its form's errors are keyed by. */
export type FieldsOf<S extends z.ZodType> = Extract<keyof z.input<S>, string>;

export type ParseResult<T, K extends string = string> = { ok: true; data: T } | { ok: false; errors: FieldErrors<K>; values: FormValues };

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData) {
    // Passwords are never sent back to the page.
    // Repeated keys (checkboxes) are kept comma-separated.
    if (typeof value === "string" && !key.toLowerCase().includes("password")) {
      values[key] = key in values ? `${values[key]},${value}` : value;
    }
  }
  return values;
}

/**
 * Parses a form (or a JSON API body, already an object) with its schema. A
 * field sent more than once (checkboxes) is a list.
 */
/**
 * What was typed, without NUL characters: they mean nothing in text, and
 * PostgreSQL cannot store them (SQLite would). Every form (parseForm) and
 * API body (readBody) passes through here.
 */
export function withoutNul(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}

export function parseForm<S extends z.ZodType>(schema: S, sent: FormData | Record<string, unknown>): ParseResult<z.output<S>, FieldsOf<S>> {
  const raw: Record<string, unknown> = sent instanceof FormData ? {} : sent;
  if (sent instanceof FormData) {
    for (const key of new Set(sent.keys())) {
      const values = sent
        .getAll(key)
        .filter((v): v is string => typeof v === "string")
        .map(withoutNul);
      raw[key] = values.length > 1 ? values : values[0];
    }
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors<FieldsOf<S>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form") as FieldsOf<S> | "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: sent instanceof FormData ? formValues(sent) : {} };
}

const text = (field: string) => z.string({ error: `${field} is required.` }).transform((s) => s.trim());

export const titleField = text("A title").pipe(
  z
    .string()
    .min(TITLE_MIN, `The title needs at least ${TITLE_MIN} characters.`)
    .max(TITLE_MAX, `The title can be at most ${TITLE_MAX} characters.`),
);

export const bodyField = z
  .string({ error: "Write something first." })
  .refine((s) => s.trim().length > 0, "Write something first.")
  .refine((s) => s.length <= BODY_MAX, `This is too long: keep it under ${BODY_MAX.toLocaleString("en")} characters.`);

/** Checked boxes arrive as one value per box; none at all is an empty list. */
const checkedBoxes = (v: unknown): unknown[] => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const tagIdsField = z
  .preprocess(checkedBoxes, z.array(z.coerce.number().int().positive()))
  .refine((ids) => new Set(ids).size <= MAX_TAGS, `Choose at most ${MAX_TAGS} tags.`);

export const threadSchema = z.object({
  product: z.string({ error: "Choose a product." }).min(1, "Choose a product."),
  kind: z.enum(threadKinds, { error: "Choose discussion, question or idea." }),
  title: titleField,
  body: bodyField,
  tags: tagIdsField,
});

export const threadEditSchema = z.object({ title: titleField, body: bodyField, tags: tagIdsField });
export const replySchema = z.object({ body: bodyField });

export const usernameField = text("A username")
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9_-]{3,30}$/, "Use 3–30 characters: lowercase letters, digits, dashes or underscores."));

export const emailField = text("An email address")
  .transform((s) => s.toLowerCase())
  .pipe(z.email("Enter an email address like name@example.com.").max(254, "That email address is too long."));

export const passwordField = z
  .string({ error: "Choose a password." })
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

export const signupSchema = z.object({
  username: usernameField,
  email: emailField,
  password: passwordField,
});

export const loginSchema = z.object({
  login: text("Your email or username").pipe(
    z.string().min(1, "Enter your email or username.").max(254, "That is longer than any email address or username."),
  ),
  // No account has a longer password (see passwordField); refusing early spares the hashing.
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "That is longer than any password here."),
});

export const productSchema = z.object({
  name: text("A name").pipe(z.string().min(2, "The name needs at least 2 characters.").max(80, "Keep the name under 80 characters.")),
  slug: text("A slug").pipe(
    z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes, like my-product.")
      .max(60, "Keep the slug under 60 characters."),
  ),
  description: text("A description").pipe(z.string().max(500, "Keep the description under 500 characters.")),
});

const optionalNote = z
  .string()
  .optional()
  .transform((s) => (s ?? "").trim())
  .refine((s) => s.length <= NOTE_MAX, `Keep the note under ${NOTE_MAX.toLocaleString("en")} characters.`);

export const statusSchema = z
  .object({
    status: z.enum(ideaStatuses, { error: "Choose the new status." }),
    note: optionalNote,
  })
  .refine((v) => v.status !== "declined" || v.note.length > 0, {
    message: "Say why the idea is declined: the people who asked for it will read this.",
    path: ["note"],
  });

const CONTRIBUTION = "Say in a few words (up to 200 characters) how they shaped the idea.";

/**
 * The accept form lists every participant with a checkbox ("credit", value =
 * user id) and a note field ("contribution-<id>"). A ticked person needs a note.
 */
export const acceptSchema = z
  .looseObject({
    credit: z.preprocess(checkedBoxes, z.array(z.string())),
  })
  .transform((form, ctx) => {
    const credits: { userId: number; contribution: string }[] = [];
    for (const value of form.credit) {
      const userId = Number(value);
      if (!Number.isInteger(userId) || userId <= 0) {
        ctx.addIssue({ code: "custom", path: ["form"], message: "That isn't a person from this thread." });
        continue;
      }
      const note = form[`contribution-${userId}`];
      const contribution = typeof note === "string" ? note.trim() : "";
      if (contribution.length < 3 || contribution.length > 200) {
        ctx.addIssue({ code: "custom", path: [`contribution-${userId}`], message: CONTRIBUTION });
        continue;
      }
      credits.push({ userId, contribution });
    }
    return credits;
  });

export const creditSchema = z.object({
  userId: z.coerce.number({ error: "Choose who to credit." }).int().positive("Choose who to credit."),
  contribution: text("A contribution note").pipe(
    z.string().min(3, "Say in a few words how they shaped the idea.").max(200, "Keep it under 200 characters."),
  ),
});

const chooseTarget = "Choose the idea to keep from the list.";
export const mergeSchema = z.object({
  targetId: z
    .string({ error: chooseTarget })
    .regex(/^[1-9]\d{0,15}$/, chooseTarget)
    .transform(Number),
});

/** The merge page's search for the idea to keep; like every GET filter it never fails. */
export const mergeSearchSchema = z.object({
  q: z.unknown().optional().transform(normalizeSearchText),
  scope: z.enum(["product", "all"]).catch("product"),
});

export const measureSchema = z.object({
  measure: text("Your measure").pipe(
    z
      .string()
      .min(10, "Describe your measure in at least 10 characters.")
      .max(MEASURE_MAX, `Keep your measure under ${MEASURE_MAX} characters.`),
  ),
});

export const verdictSchema = z.object({
  verdict: z.enum(["met", "partly", "not_met"], { error: "Choose met, partly or not met." }),
  comment: optionalNote,
});

export const staffNoteSchema = z.object({ body: bodyField });

export const flagSchema = z
  .object({
    reason: z.enum(["spam", "offensive", "off_topic", "other"], { error: "Choose why you are flagging this." }),
    note: optionalNote,
  })
  .refine((v) => v.reason !== "other" || v.note.length > 0, {
    message: "Tell staff what is wrong.",
    path: ["note"],
  });

export const moderationReasonSchema = z.object({
  reason: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .refine((s) => s.length <= 500, "Keep the reason under 500 characters."),
});

export const deleteSchema = z.object({
  reason: text("A reason").pipe(z.string().min(3, "Say why it is deleted.").max(500, "Keep the reason under 500 characters.")),
});

export const suspendSchema = z.object({
  until: z
    .string({ error: "Choose until when." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.")
    .transform((s) => Date.parse(`${s}T23:59:59Z`))
    .refine((ms) => Number.isFinite(ms) && ms > Date.now(), "Choose a date in the future."),
  reason: text("A reason").pipe(z.string().min(3, "Say why: the member will read it.").max(500, "Keep it under 500 characters.")),
});

export const tagSchema = z.object({
  name: text("A name").pipe(z.string().min(2, "The name needs at least 2 characters.").max(40, "Keep the name under 40 characters.")),
  slug: text("A slug").pipe(
    z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes, like billing-export.")
      .max(40, "Keep the slug under 40 characters."),
  ),
});

/** GET filters never fail: a value we don't know means "any". */
const anyOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

export const listQuerySchema = z.object({
  sort: z.enum(listSorts).catch("activity"),
  kind: anyOf(threadKinds),
  status: anyOf(ideaStatuses),
  solved: anyOf(["yes", "no"] as const),
  unanswered: anyOf(["1"] as const),
  tag: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
});

export const searchQuerySchema = z.object({
  // A missing q (the search box left empty: /search?q= redirects to /search) is an empty search.
  q: z.unknown().optional().transform(normalizeSearchText),
  product: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional()
    .catch(undefined),
  kind: anyOf(threadKinds),
  status: anyOf(ideaStatuses),
  solved: anyOf(["yes", "no"] as const),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});

export const emailPreferencesSchema = z.object(
  Object.fromEntries(
    emailKinds.map((kind) => [kind, z.enum(deliveries, { error: "Choose one of the listed options for every kind of email." }).optional()]),
  ) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [D in (typeof deliveries)[number]]: D }>>>,
);

export const apiTokenSchema = z.object({
  name: text("A name").pipe(z.string().min(1, "Give the token a name.").max(60, "Keep the name under 60 characters.")),
  expires: z
    .enum(tokenLifetimes, { error: "Choose when the token stops working." })
    .default("90")
    .transform((days) => (days === "never" ? null : Number(days))),
});

export const webhookSchema = z.object({
  url: text("A URL").pipe(
    z
      .string()
      .max(500, "Keep the URL under 500 characters.")
      .refine((s) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s), "Give a full http:// or https:// URL."),
  ),
  /** The events ticked, in the order the page lists them; names we don't know are left out. */
  events: z.preprocess(checkedBoxes, z.array(z.unknown())).transform((chosen, ctx) => {
    const events = webhookEvents.map((e) => e.value).filter((event) => chosen.includes(event));
    if (events.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one event." });
    return events;
  }),
});

export const profileSchema = z.object({
  displayName: text("A display name").pipe(
    z.string().max(DISPLAY_NAME_MAX, `Keep your display name to ${DISPLAY_NAME_MAX} characters or fewer.`),
  ),
  bio: text("A bio").pipe(z.string().max(BIO_MAX, `Keep your bio to ${BIO_MAX} characters or fewer.`)),
  email: emailField,
});

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
  newPassword: passwordField,
  /** A checkbox: also revoke every API token. */
  revokeTokens: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

export const roleChangeSchema = z.object({
  userId: z.coerce.number({ error: "Choose a member." }).int().positive("Choose a member."),
  role: z.enum(roles, { error: "Choose member, staff or admin." }),
});

export const siteSettingsSchema = z.object({
  siteName: text("A site name").pipe(
    z
      .string()
      .min(SITE_NAME_MIN, `The name needs at least ${SITE_NAME_MIN} characters.`)
      .max(SITE_NAME_MAX, `Keep the name to ${SITE_NAME_MAX} characters or fewer.`),
  ),
  siteDescription: text("A description").pipe(
    z.string().max(SITE_DESCRIPTION_MAX, `Keep the description to ${SITE_DESCRIPTION_MAX} characters or fewer.`),
  ),
});

/** Staff invite to a co-design group: ticked candidates and/or usernames typed, separated by spaces or commas. */
export const groupInviteSchema = z.object({
  invite: z.preprocess(checkedBoxes, z.array(z.coerce.number().int().positive())).catch([]),
  usernames: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(/[\s,]+/)
        .map((name) => name.replace(/^@/, ""))
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(40, "That isn't a username.")).max(50, "Invite at most 50 people at a time.")),
});
export const groupSummarySchema = z.object({ summary: bodyField });
export const groupAnswerSchema = z.object({ showName: z.preprocess((v) => v === "on" || v === "1", z.boolean()) });

/** A poll: options one per line, single or multiple choice, when results show, an optional closing time (UTC). */
export const pollSchema = z.object({
  options: z
    .string({ error: "Give the options, one per line." })
    .max(2000, "Keep the options shorter.")
    .transform((s) => s.split(/\r?\n/)),
  multiple: z.preprocess((v) => v === "on", z.boolean()),
  results: z.enum(["after_vote", "after_close"], { error: "Choose when voters see the results." }),
  closesAt: z
    .string()
    .optional()
    .transform((s) => (s ? Date.parse(`${s.length === 16 ? `${s}:00` : s}Z`) : null))
    .refine((ms) => ms === null || Number.isFinite(ms), "Give a date and time, or leave it empty."),
});
export const pollVoteSchema = z.object({
  option: z.preprocess(checkedBoxes, z.array(z.coerce.number().int().positive()).min(1, "Choose an option.")).catch([]),
});

/** An announcement: a thread's product, title and body, whether it shows site-wide, takes replies, and the day it stops being pinned. */
export const announcementSchema = z.object({
  product: z.string({ error: "Choose a product." }).min(1, "Choose a product."),
  title: titleField,
  body: bodyField,
  siteWide: z.preprocess((v) => v === "on", z.boolean()),
  repliesOn: z.preprocess((v) => v === "on", z.boolean()),
  expiresOn: z
    .string()
    .optional()
    .refine((s) => !s || /^\d{4}-\d{2}-\d{2}$/.test(s), "Choose a day, or leave it empty.")
    .transform((s) => (s ? Date.parse(`${s}T23:59:59Z`) : null)),
});
