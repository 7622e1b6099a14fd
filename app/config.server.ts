import net from "node:net";
import { z } from "zod";

/**
 * Every setting the server reads from its environment, in one place: its
 * name, what it accepts, its default and what it does. docs/operations.md's
 * settings table is written from these declarations (`npm run docs:settings`)
 * and a test fails when the two differ.
 *
 * `config()` parses all of them the first time it is called and keeps the
 * result for the life of the process; app/server.ts calls it before anything
 * else (app/config-check.server.ts), so a bad value stops the server at start
 * with one line naming the setting and what it accepts. The rest of the code
 * reads typed values: `config().PAGE_CACHE_TTL_SECONDS`.
 *
 * Tests change settings per file by setting process.env before the first
 * call, or during a file with `resetConfig()` after changing process.env
 * (tests/unit/settings.ts does both with vi.stubEnv).
 */

type Kind<T> = {
  /** What a value must be, completing "NAME must …". */
  must: string;
  schema: z.ZodType<T, string>;
};

function kind<T>(must: string, schema: z.ZodType<T, string>): Kind<T> {
  return { must, schema };
}

const wholeNumber = (must: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  kind(must, z.string().regex(/^\d+$/).transform(Number).pipe(z.number().min(min).max(max)));

const number = (must: string, min: number, { above = false } = {}) =>
  kind(
    must,
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(above ? z.number().gt(min) : z.number().min(min)),
  );

const count = wholeNumber("be a whole number, 0 or more", 0);

/** "1", "true", "on", "yes" or "0", "false", "off", "no", any case. */
const onOff = (must: string) =>
  kind(
    must,
    z
      .string()
      .transform((raw) => raw.toLowerCase())
      .pipe(z.enum(["1", "true", "on", "yes", "0", "false", "off", "no"]))
      .transform((word) => ["1", "true", "on", "yes"].includes(word)),
  );

const text = (must: string, pattern = /\S/) => kind(must, z.string().regex(pattern));

/** Points per seconds, e.g. "30/600": at most 30 in any 600 seconds. */
const rate = (example: string) => {
  const [points, seconds] = example.split("/");
  return kind(
    `look like ${example} (at most ${points} per ${seconds} seconds)`,
    z
      .string()
      .regex(/^\d+\/\d+$/)
      .transform((raw) => {
        const [p, s] = raw.split("/").map(Number) as [number, number];
        return { points: p, seconds: s };
      })
      .refine(({ points: p, seconds: s }) => p >= 1 && s >= 1),
  );
};

const httpUrl = kind(
  "be the site's address starting with http:// or https://, like https://forum.example.com",
  z
    .string()
    .regex(/^https?:\/\/[^\s/]/i)
    .refine((raw) => URL.canParse(raw))
    .transform((raw) => raw.replace(/\/+$/, "")),
);

/** Express's `trust proxy`: how many proxies are in front, or which addresses are proxies. */
const proxies = kind(
  "be the number of proxies in front of the server (usually 1), or their addresses (10.0.0.1, 10.0.0.0/8, loopback)",
  z.string().transform((raw, context) => {
    if (/^\d+$/.test(raw.trim())) return Number(raw);
    const entries = raw.split(",").map((entry) => entry.trim());
    const known = (entry: string) => {
      const [address = "", prefix] = entry.split("/");
      return (
        ["loopback", "linklocal", "uniquelocal"].includes(entry) ||
        (net.isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix)))
      );
    };
    if (entries.every(known)) return entries.join(",");
    context.addIssue({ code: "custom", message: "not a proxy" });
    return z.NEVER;
  }),
);

type Options = {
  /** The value used when the variable is unset or empty, as one would type it. */
  default?: string;
  /** What the docs say instead when there is no default value. */
  whenUnset?: string;
  doc: string;
  /** Its value is never repeated in a message (it may hold a password). */
  secret?: boolean;
  /** The docs table it is listed in. */
  table?: "rate limits";
};

type Declaration<T> = Options & { kind: Kind<T> };

function declare<T, const O extends Options>(kind: Kind<T>, options: O): O & { kind: Kind<T> } {
  return { ...options, kind };
}

/** A rate limit: points per seconds, listed in the docs' rate limits table. */
function rateLimit(defaultLimit: string, doc: string) {
  return declare(rate(defaultLimit), { default: defaultLimit, table: "rate limits", doc });
}

export const settings = {
  PORT: declare(wholeNumber("be a port number from 0 to 65535", 0, 65_535), {
    default: "3000",
    doc: "HTTP port (`0` picks a free one; the `listening` log line says which)",
  }),
  CLUSTER_WORKERS: declare(wholeNumber("be a whole number of processes, at least 1", 1, 64), {
    default: "1",
    doc: "server processes sharing the port on this machine (node:cluster); each has its own database pool and page cache",
  }),
  DATABASE_PATH: declare(text("be a file name"), {
    default: "data/cocreate.db",
    doc: "the SQLite file (created with its folder if missing)",
  }),
  DATABASE_URL: declare(
    text(
      "be a PostgreSQL URL like postgres://user:password@host:5432/cocreate (leave it unset for the SQLite file at DATABASE_PATH)",
      /^postgres(ql)?:\/\/\S+$/i,
    ),
    {
      whenUnset: "unset",
      secret: true,
      doc: "`postgres://user:password@host:5432/cocreate` runs on PostgreSQL instead of the SQLite file (see [Running on PostgreSQL](#running-on-postgresql))",
    },
  ),
  DATABASE_POOL_MAX: declare(wholeNumber("be a whole number of connections, at least 1", 1), {
    default: "10",
    doc: "on PostgreSQL, the connections each server process keeps open at most",
  }),
  NODE_ENV: declare(text("be a word like production"), {
    whenUnset: "unset",
    doc: "`production` marks session cookies `Secure` (serve over HTTPS) and turns off the demo seed",
  }),
  SEED_DEMO: declare(onOff("be 1 or 0"), {
    default: "0",
    doc: "`1` seeds the demo into a new database even in production",
  }),
  PUBLIC_URL: declare(httpUrl, {
    whenUnset: "`http://localhost:$PORT`",
    doc: "the site's public address, used for links in emails, feeds, sitemaps and canonical URLs",
  }),
  SMTP_URL: declare(text("be an SMTP address like smtp://user:password@mail.example.com:587", /^smtps?:\/\/\S+$/i), {
    whenUnset: "unset",
    secret: true,
    doc: "e.g. `smtp://user:pass@mail.example.com:587`; connections are pooled and reused (`?pool=false` opens one per email); unset, emails are printed to the log instead",
  }),
  EMAIL_FROM: declare(text("be an email address, with a name if you like: Forum <forum@example.com>", /^[^\r\n]*@[^\r\n]*$/), {
    whenUnset: "`<site name> <no-reply@localhost>`",
    doc: "the sender of every email (unset: the site's name, set at `/admin/settings`, with `no-reply@localhost`)",
  }),
  SESSION_SECRET: declare(text("be at least 16 characters (32 random ones are best)", /^.{16,}$/s), {
    whenUnset: "random, kept in the database",
    secret: true,
    doc: "the key that signs unsubscribe links; set it to keep links valid across databases",
  }),
  DIGEST_INTERVAL_HOURS: declare(number("be a number of hours above 0", 0, { above: true }), {
    default: "24",
    doc: "how long daily-digest emails gather before they go out together",
  }),
  BACKGROUND_POLL_MS: declare(wholeNumber("be a whole number of milliseconds, at least 100", 100), {
    default: "15000",
    doc: "how often the server looks for due emails, digests and webhook deliveries",
  }),
  CURRENCY: declare(text("be a three-letter currency code like USD or EUR", /^[A-Z]{3}$/), {
    default: "USD",
    doc: "the currency customer accounts' annual revenue (ARR) is written in, shown on staff pages",
  }),
  VERDICT_REASK_FIRST_DAYS: declare(wholeNumber("be a whole number of days, at least 1", 1), {
    default: "30",
    doc: "days after an idea ships when each measure's owner is asked for their verdict again",
  }),
  VERDICT_REASK_SECOND_DAYS: declare(wholeNumber("be a whole number of days, at least 1", 1), {
    default: "90",
    doc: "days after an idea ships when they are asked a last time (a number not above the first one asks only once)",
  }),
  FLAG_HIDE_THRESHOLD: declare(wholeNumber("be a whole number, at least 1", 1), {
    default: "3",
    doc: "flag weight at which a post hides itself until staff review it (a staff flag counts 2, a trusted member's 1, a new member's nothing; staff posts never hide themselves)",
  }),
  NEW_MEMBER_HOURS: declare(number("be a number of hours, 0 or more", 0), {
    default: "24",
    doc: "how long a member counts as new (posting limits apply)",
  }),
  NEW_MEMBER_THREADS_PER_DAY: declare(count, {
    default: "3",
    doc: "threads a new member may start in 24 hours",
  }),
  NEW_MEMBER_REPLIES_PER_DAY: declare(count, {
    default: "10",
    doc: "replies a new member may post in 24 hours",
  }),
  NEW_MEMBER_MIN_GAP_SECONDS: declare(wholeNumber("be a whole number of seconds, 0 or more", 0), {
    default: "30",
    doc: "the wait between two posts of a new member",
  }),
  NEW_MEMBER_MAX_LINKS: declare(count, {
    default: "2",
    doc: "links and images a new member may put in one post",
  }),
  TRUSTED_AFTER_POSTS: declare(count, {
    default: "3",
    doc: "posts after which a member who is no longer new becomes trusted and the limits lift",
  }),
  NEW_MEMBER_UPLOADS_PER_DAY: declare(count, {
    default: "10",
    doc: "images a new member may upload in a day (each image in a post also counts toward NEW_MEMBER_MAX_LINKS)",
  }),
  TRUST_PROXY: declare(proxies, {
    whenUnset: "unset",
    doc: "behind a reverse proxy, the number of proxies in front (usually `1`): client addresses (for rate limits) and HTTPS (for HSTS) are then read from `X-Forwarded-For`/`-Proto`/`-Host`. Never set it without a proxy: clients could forge those headers",
  }),
  MAX_BODY_BYTES: declare(wholeNumber("be a number of bytes, at least 1024", 1024), {
    default: "1048576",
    doc: "the largest request body accepted (1 MB); larger ones get a 413 page",
  }),
  UPLOAD_MAX_BYTES: declare(wholeNumber("be a number of bytes, at least 1024", 1024), {
    default: "5242880",
    doc: "the largest image a member may attach (5 MB); uploads have their own body limit, this plus a little for the form",
  }),
  UPLOAD_MAX_PIXELS: declare(wholeNumber("be a number of pixels, at least 1", 1), {
    default: "40000000",
    doc: "the most pixels an image may have (width × height, every frame of an animation): a small file that unpacks into a huge image is refused before it is decoded",
  }),
  UPLOADS_DIR: declare(text("be a folder name"), {
    whenUnset: "the `uploads` folder next to DATABASE_PATH",
    doc: "where uploaded images are kept on disk (created if missing)",
  }),
  SHUTDOWN_TIMEOUT_MS: declare(wholeNumber("be a whole number of milliseconds, at least 1", 1), {
    default: "10000",
    doc: "on SIGTERM, how long requests in flight may take before they are cut off",
  }),
  PAGE_CACHE: declare(onOff("be on or off"), {
    default: "on",
    doc: "`off` turns off the cache of pages sent to visitors (see [performance.md](performance.md))",
  }),
  PAGE_CACHE_TTL_SECONDS: declare(number("be a number of seconds above 0", 0, { above: true }), {
    default: "10",
    doc: "the longest a cached page is reused; a write drops at once the cached pages showing what it changed, in every server process",
  }),
  PAGE_CACHE_MAX_MB: declare(number("be a number of megabytes above 0", 0, { above: true }), {
    default: "50",
    doc: "memory the page cache may use; the least recently used pages go first",
  }),
  WEBHOOK_ALLOW_PRIVATE: declare(onOff("be 1 or 0"), {
    default: "0",
    doc: "`1` lets webhooks reach loopback and private-network addresses (the tests' local receiver, or receivers on your own network). Never on a public forum: anyone who can add a webhook could then probe the server's network",
  }),
  OIDC_ISSUER: declare(
    kind(
      "be the provider's issuer URL, starting with https:// (or http:// for a provider on this machine), like https://login.example.com/realms/acme",
      z
        .string()
        .regex(/^https?:\/\/[^\s/]/i)
        .refine((raw) => URL.canParse(raw)),
    ),
    {
      whenUnset: "unset",
      doc: "sign-in with the company's own account (OpenID Connect): the provider's issuer URL, as its discovery document names it. Set it with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, all three or none (see [Sign in with the company's account](#sign-in-with-the-companys-account))",
    },
  ),
  OIDC_CLIENT_ID: declare(text("be the client id the provider gave this forum"), {
    whenUnset: "unset",
    doc: "the client id registered at the provider for this forum",
  }),
  OIDC_CLIENT_SECRET: declare(text("be the client secret the provider gave this forum"), {
    whenUnset: "unset",
    secret: true,
    doc: "the client secret registered at the provider for this forum",
  }),
  OIDC_NAME: declare(text("be a short name for the button, like Acme", /^[^\r\n]{1,40}$/), {
    default: "your company account",
    doc: "the name on the sign-in button: “Sign in with <name>”",
  }),
  OIDC_CLAIM_ACCOUNT: declare(text("be the name of a claim, like company or org", /^[\w.:/-]{1,100}$/), {
    whenUnset: "not mapped",
    doc: "the ID token or userinfo claim naming the member's company; a customer account with that slug or name takes them in at each sign-in",
  }),
  OIDC_CLAIM_PLAN: declare(text("be the name of a claim, like plan", /^[\w.:/-]{1,100}$/), {
    whenUnset: "not mapped",
    doc: "the claim naming the customer's plan, kept on the member's sign-in link for staff",
  }),
  OIDC_CLAIM_SEGMENT: declare(text("be the name of a claim, like segment", /^[\w.:/-]{1,100}$/), {
    whenUnset: "not mapped",
    doc: "the claim naming the customer's segment, kept on the member's sign-in link for staff",
  }),
  OIDC_ONLY: declare(onOff("be 1 or 0"), {
    default: "0",
    doc: "`1` hides password sign-in and sign-up and refuses them on the server for everyone but admins, who keep a password sign-in (`/login?password=1`) as the way back in. Needs the three OIDC settings above",
  }),
  RATE_LIMIT_READS: rateLimit("300/60", "every request per client address (static files don't count)"),
  RATE_LIMIT_SEARCH: rateLimit("60/60", "searches (`/search`, `/threads/similar`) per address"),
  RATE_LIMIT_SIGNUP: rateLimit("10/3600", "sign-up attempts per address, failed ones too"),
  RATE_LIMIT_SIGNIN_IP: rateLimit("20/900", "failed sign-ins per address, whatever the account"),
  RATE_LIMIT_SIGNIN_ACCOUNT: rateLimit(
    "5/900",
    "failed sign-ins in a row per account (its email and username share one count) before it is locked",
  ),
  RATE_LIMIT_SIGNIN_LOCK_SECONDS: declare(wholeNumber("be a number of seconds, like 60", 1), {
    default: "60",
    table: "rate limits",
    doc: "the first lock; each further lock that day doubles, up to a day",
  }),
  RATE_LIMIT_PASSWORD_CHANGE: rateLimit("5/900", "password change attempts per member"),
  RATE_LIMIT_ACCOUNT_EMAIL_IP: rateLimit("20/3600", "password reset requests and verification links sent again, per client address"),
  RATE_LIMIT_ACCOUNT_EMAIL_ADDRESS: rateLimit("3/3600", "password reset requests and verification links sent again, per email address"),
  RATE_LIMIT_THREADS: rateLimit("10/3600", "new threads per member, also through the API (on top of the new-member limits above)"),
  RATE_LIMIT_REPLIES: rateLimit("30/600", "new replies per member, also through the API"),
  RATE_LIMIT_EDITS: rateLimit("30/600", "edits of threads and replies per member"),
};

type Settings = typeof settings;
export type SettingName = keyof Settings;
type ValueOf<D> = D extends { kind: Kind<infer T> } ? T : never;
/** The parsed settings: a setting with a default always has a value; PUBLIC_URL defaults to this server's own address. */
export type Config = {
  [Name in Exclude<SettingName, "PUBLIC_URL">]: Settings[Name] extends { default: string }
    ? ValueOf<Settings[Name]>
    : ValueOf<Settings[Name]> | undefined;
} & { PUBLIC_URL: string };

/** A setting the server cannot use; its message is the one line the server prints before it stops. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const names = Object.keys(settings) as SettingName[];

/** Reads every setting from `source`; throws a ConfigError naming each bad one, one line each. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const declaration: Declaration<unknown> = settings[name];
    const given = source[name];
    const raw = given === undefined || given.trim() === "" ? declaration.default : given.trim();
    if (raw === undefined) continue;
    const parsed = declaration.kind.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else {
      const shown = declaration.secret ? " (the value is not repeated: it may hold a password)" : `, not ${JSON.stringify(given)}`;
      problems.push(`${name} must ${declaration.kind.must}${shown}.`);
    }
  }
  problems.push(...oidcProblems(values));
  if (problems.length > 0) throw new ConfigError(problems.join("\n"));
  values.PUBLIC_URL ??= `http://localhost:${String(values.PORT)}`;
  return values as Config;
}

const OIDC_TRIO = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/** The sign-in with the company's account needs its three settings together; OIDC_ONLY needs it on. */
function oidcProblems(values: Record<string, unknown>): string[] {
  const missing = OIDC_TRIO.filter((name) => values[name] === undefined);
  if (missing.length > 0 && missing.length < OIDC_TRIO.length) {
    return [
      `${OIDC_TRIO.join(", ")} go together: set all three to offer sign-in with the company's account, or none (${missing.join(" and ")} missing).`,
    ];
  }
  if (missing.length > 0 && values.OIDC_ONLY === true) {
    return ["OIDC_ONLY=1 needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: without them nobody but admins could sign in."];
  }
  return [];
}

let parsed: Config | undefined;

/** The settings of this process, parsed on first use. */
export function config(): Config {
  parsed ??= parseConfig(process.env);
  return parsed;
}

/** Forgets the parsed settings, so the next `config()` reads process.env again. For tests only. */
export function resetConfig(): void {
  parsed = undefined;
}

/** A real deployment: secure cookies, no demo unless SEED_DEMO asks for it. */
export function isProductionDeployment(): boolean {
  return config().NODE_ENV === "production";
}
