import { z } from "zod";
import { isFormerMember } from "./former-member";
import type { NotificationKind } from "~db/schema";
import { deliveries, emailKinds } from "~/utils/email-kinds";
import type { FieldErrors, FormValues } from "~/utils/form-feedback";
import {
  BIO_MAX,
  BODY_MAX,
  DISPLAY_NAME_MAX,
  MAX_TAGS,
  MEASURE_MAX,
  USE_CASE_MAX,
  NOTE_MAX,
  threadKinds,
  TITLE_MAX,
  TITLE_MIN,
  tokenLifetimes,
} from "~/utils/form-limits";
import { ideaStatuses, notedStatuses, noteMissing } from "~/utils/idea-status";
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

/** A draft as the editor sends it (app/routes/drafts.ts): where it is kept and what was typed so far, any length the form allows. */
export const draftSchema = z.object({
  draft: z.string({ error: "Say which draft." }),
  title: z.string().optional(),
  body: z.string().default(""),
  back: z.string().optional(),
});

export const usernameField = text("A username")
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9_-]{3,30}$/, "Use 3–30 characters: lowercase letters, digits, dashes or underscores."))
  // Deleted accounts are renamed former-member-<id> (app/models/privacy.server.ts); nobody else takes that name.
  .refine((name) => !isFormerMember(name), "That username is taken. Try another.");

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
  /** Where the new member was (the form carries it); checked by safeRedirect where it is used. */
  redirectTo: z.string().max(2000).optional(),
});

/** A button with nothing to fill in, whose refusals (a rate limit) still come back next to the form. */
export const emptySchema = z.object({});

export const sessionSignOutSchema = z.object({
  session: z.string({ error: "Choose a browser to sign out." }).regex(/^[A-Za-z0-9_-]{22}$/, "That browser is already signed out."),
});

export const deleteAccountSchema = z.object({
  /** Empty when a fresh sign-in with the company's account confirms it instead (the model decides). */
  password: z.string().max(200, "That is not your password.").default(""),
  confirm: z
    .string({ error: "Type your username to confirm." })
    .min(1, "Type your username to confirm.")
    .max(60, "Type your username to confirm."),
});

/** The username a member the company's sign-in created chooses on their first visit. */
export const usernameChoiceSchema = z.object({ username: usernameField, redirectTo: z.string().max(2000).optional() });

/** A company sign-in (OpenID Connect issuer and subject) an admin removes from a member. */
export const identityLinkSchema = z.object({
  issuer: z.string({ error: "Say which sign-in to remove." }).min(1, "Say which sign-in to remove.").max(500),
  subject: z.string({ error: "Say which sign-in to remove." }).min(1, "Say which sign-in to remove.").max(500),
});

export const forgotPasswordSchema = z.object({ email: emailField });

/** A link's token as it came (the model says whether it is whole, forged, used or expired). */
const tokenField = z
  .string({ error: "This link has no token: copy the whole link from the email." })
  .max(200, "This link is not one we sent.");

export const resetPasswordSchema = z.object({ token: tokenField, password: passwordField });
export const verifyEmailSchema = z.object({ token: tokenField, redirectTo: z.string().max(2000).optional() });

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
  .superRefine((v, ctx) => {
    if (notedStatuses.includes(v.status) && v.note.length === 0)
      ctx.addIssue({ code: "custom", path: ["note"], message: noteMissing(v.status) });
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
  reason: optionalNote.refine((s) => s.length > 0, "Say why these are the same idea: both ideas' followers read this."),
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

const measureIdField = z
  .string({ error: "Choose a measure." })
  .regex(/^[1-9]\d{0,15}$/, "Choose a measure.")
  .transform(Number);

const requiredShortText = (missing: string) =>
  z
    .string({ error: missing })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, missing).max(MEASURE_MAX, `Keep it under ${MEASURE_MAX} characters.`));

export const scopeSchema = z.object({
  measureId: measureIdField,
  scope: z.enum(["in", "partly", "out"], { error: "Choose in scope, partly or out of scope." }),
  reason: requiredShortText("Say why, in a sentence its owner will read."),
});

export const measureCheckSchema = z.object({ request: requiredShortText("Describe the design or link to it.") });

export const checkAnswerSchema = z.object({
  answer: z.enum(["yes", "partly", "no"], { error: "Choose yes, partly or no." }),
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
  format: z.enum(["cocreate", "slack"], { error: "Choose what the webhook sends." }).default("cocreate"),
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

/** A checkbox: ticked or not. */
const tickBox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

/** An idea's target release (an empty target clears it); the model checks the form of the target and when a reason is needed. */
export const targetReleaseSchema = z.object({
  target: z.string().default("").pipe(z.string().max(20, "That is not a target we understand. A month (2027-03) or a quarter (2027-Q1).")),
  isPublic: tickBox,
  reason: z.string().default(""),
});

export const issueLinkSchema = z.object({
  url: text("The issue's address").pipe(z.string().min(1, "Give the issue's full address, starting with https://.")),
  isPublic: tickBox,
});

export const embedOriginsSchema = z.object({
  embedOrigins: z.string().default("").pipe(z.string().max(4000, "That list is too long: at most 20 origins.")),
});

export const substatusSchema = z.object({
  substatus: z
    .string()
    .default("")
    .pipe(z.string().regex(/^(\d{1,15})?$/, "Choose a sub-status."))
    .transform((v) => (v ? Number(v) : null)),
});

export const statusStyleSchema = z.object({
  label: z.string({ error: "Give the status a name." }).transform((s) => s.trim()),
  colour: z.string().default(""),
});

export const substatusAddSchema = z.object({
  status: z.enum(ideaStatuses, { error: "Choose the status it belongs to." }),
  label: z.string({ error: "Give the sub-status a name." }).transform((s) => s.trim()),
  colour: z.string({ error: "Choose a colour like #1d4fa8." }),
});

/** Text that may be left empty: null when it is. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((s) => s?.trim() ?? "")
    .pipe(z.string().max(max, message))
    .transform((s) => (s === "" ? null : s));

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A customer account, from the admin form or a CSV row: the email domains are
 * one text (commas, spaces or new lines between them), ARR whole units of the
 * site's currency (thousands separators allowed), the owner a staff member's
 * username or nobody.
 */
export const accountSchema = z.object({
  name: text("A name").pipe(z.string().min(2, "The name needs at least 2 characters.").max(80, "Keep the name under 80 characters.")),
  slug: text("A slug").pipe(
    z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes, like acme-corp.")
      .max(60, "Keep the slug under 60 characters."),
  ),
  domains: z
    .string()
    .optional()
    .transform((s) => [
      ...new Set(
        (s ?? "")
          .toLowerCase()
          .split(/[\s,;]+/)
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().regex(DOMAIN, "Write domains like acme.example, separated by commas."))
        .max(20, "An account can have at most 20 domains."),
    ),
  plan: optionalText(40, "Keep the plan under 40 characters."),
  segment: optionalText(40, "Keep the segment under 40 characters."),
  arr: z
    .string()
    .optional()
    .transform((s) => (s ?? "").replace(/[\s,_]/g, ""))
    .pipe(z.string().regex(/^\d{0,13}$/, "Write the annual revenue as a whole number, like 120000."))
    .transform((s) => (s === "" ? 0 : Number(s))),
  owner: optionalText(30, "Choose a staff member as the owner."),
  isPublic: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "yes" || v === "true" || v === "1"),
});
export type AccountInput = z.output<typeof accountSchema>;

export const memberAssignSchema = z.object({
  username: text("A username").pipe(z.string().min(1, "Name the member to add.").max(254, "That username is too long.")),
});

/** Staff record a customer's feedback on an idea: the account, optionally the person, and their use case. */
export const onBehalfSchema = z.object({
  account: z.coerce.number({ error: "Choose the customer account." }).int().positive("Choose the customer account."),
  person: optionalText(30, "Choose a person of that account, or nobody."),
  useCase: optionalText(USE_CASE_MAX, `Keep the use case under ${USE_CASE_MAX} characters.`),
});

/** The CSV import: the file itself is read from the form (a File is not text); its errors are keyed "file". */
export const accountImportSchema = z.object({ file: z.unknown().optional() });

/** /admin/demand's filters: never fail, a value we don't know means "any". */
export const demandQuerySchema = z.object({
  sort: z.enum(["arr", "accounts", "votes"] as const).catch("arr"),
  status: anyOf(ideaStatuses),
  product: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  plan: z.string().max(40).optional().catch(undefined),
  segment: z.string().max(40).optional().catch(undefined),
});

/** /admin/users: place a member in an account, move them, or take them out (an empty choice). */
export const userAccountSchema = z.object({
  userId: z.coerce.number({ error: "Choose a member." }).int().positive("Choose a member."),
  accountId: z
    .string()
    .optional()
    .refine((s) => !s || /^[1-9]\d{0,15}$/.test(s), "Choose an account.")
    .transform((s) => (s ? Number(s) : null)),
});

/** Following a product (issue 20): a level, or "none" to stop. */
export const productFollowSchema = z.object({
  level: z.enum(["threads", "ideas", "status", "none"], { error: "Choose what you want to hear about, or not following." }),
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
