import { createHash, randomBytes } from "node:crypto";
import { constants, crc32, deflateRawSync } from "node:zlib";
import type { Request, RequestHandler, Response } from "express";
import { canTrustCache, changedSince, EVERYTHING, invalidationSequence, onInvalidation } from "~db/invalidation-bus.server";
import { requestContext, type RequestContext } from "~/utils/request-context.server";

/**
 * A cache of the pages visitors (people not signed in) are sent, which is
 * what large forums do to serve readers: a page is rendered once and sent
 * again until something a visitor could see changes.
 *
 * - Only requests that claim no session (as the session code reads the
 *   Cookie header: `hasSession`) and carry no Authorization header are
 *   answered from it, so a signed-in member never gets a visitor's page.
 *   Pages say `Vary: Cookie` so no other cache mixes them up either.
 * - An answer is stored only when it says it was rendered for nobody: the
 *   request's viewer was looked up and no one was found
 *   (RequestContext.viewer, set by getUser), or it declares itself
 *   `Cache-Control: public` (feeds, sitemaps) and no one was recognised.
 *   Whatever a request claims, a page rendered for a member is never kept.
 * - Only 200 answers to GET without Set-Cookie, `private` or `no-store` are stored.
 * - Each page is kept with the tags of what it shows, which its loaders
 *   name with pageShows() (`thread:12`, `product:3`, `lists`); a page that
 *   names none shows anything. Every committed write says which tags it
 *   changed (db/invalidation.server.ts; "*" when it doesn't say), in this
 *   process and in every other one (db/invalidation-feed.server.ts), and
 *   the pages with those tags are dropped: a reply to one thread leaves
 *   another thread's page in place. A page whose render began before a
 *   write that touches it is not stored. While this process cannot hear
 *   the other processes' writes (canTrustCache) nothing is sent from the
 *   cache or stored in it. Times like "3 minutes ago" age, so entries also
 *   expire after PAGE_CACHE_TTL_SECONDS (default 10).
 * - Each answer still gets its own CSP nonce: the page is kept in pieces
 *   around the nonce it was rendered with, and the new nonce goes between
 *   them. The gzip form is kept the same way (each piece compressed on its
 *   own, the nonce in a stored block), so compression costs nothing per hit.
 * - The ETag names the page's content; a browser that has it gets a 304.
 *
 * PAGE_CACHE=off turns it off (the benchmark's "uncached" round);
 * PAGE_CACHE_MAX_MB (default 50) bounds its memory, least recently used first out.
 */

type Entry = {
  key: string;
  /** What the page shows (pageShows); null: it named nothing, so any write may change it. */
  tags: string[] | null;
  expires: number;
  status: number;
  headers: [string, string | number | string[]][];
  /** The Content-Security-Policy with the nonce cut out: the new nonce goes between the pieces. */
  csp: string[] | null;
  /** The body, cut where the nonce it was rendered with stood. */
  pieces: Buffer[];
  /** Each piece as raw deflate ending on a byte boundary, made on the first gzip request. */
  deflated: Buffer[] | null;
  etag: string;
  bytes: number;
};

export type PageCacheOptions = {
  /** Whether a Cookie header names a session; the session code's own reading (sessionIdFromCookies). */
  hasSession: (cookieHeader: string | undefined) => boolean;
  ttlSeconds?: number;
  maxBytes?: number;
};

/** Where the pages that named no tags are indexed (no real tag has a NUL in it). */
const UNTAGGED = "\0untagged";
/** Paths whose answers are never stored: health checks must reach the database; API and unsubscribe links carry credentials. */
const NEVER = /^\/(healthz|api\/|unsubscribe|logout|uploads\/)/;
/** Headers each answer gets for itself: HSTS only over HTTPS (security-headers.server.ts), so a page stored from an HTTPS visit must not carry it to an HTTP one. */
const DROPPED_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "date",
  "etag",
  "vary",
  "set-cookie",
  "content-security-policy",
  "strict-transport-security",
]);
const NONCE_BYTES = 16;

export function createPageCache({ hasSession, ttlSeconds = 10, maxBytes = 50 * 1024 * 1024 }: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  /** Tag → keys of the pages showing it; UNTAGGED for pages that named none. */
  const byTag = new Map<string, Set<string>>();
  let bytes = 0;

  const forget = (entry: Entry) => {
    if (entries.get(entry.key) !== entry) return;
    entries.delete(entry.key);
    bytes -= entry.bytes;
    for (const tag of entry.tags ?? [UNTAGGED]) {
      const keys = byTag.get(tag);
      keys?.delete(entry.key);
      if (keys?.size === 0) byTag.delete(tag);
    }
  };

  const dropTagged = (tag: string) => {
    for (const key of [...(byTag.get(tag) ?? [])]) {
      const entry = entries.get(key);
      if (entry) forget(entry);
    }
  };

  onInvalidation((tags) => {
    if (tags.has(EVERYTHING)) {
      entries.clear();
      byTag.clear();
      bytes = 0;
      return;
    }
    dropTagged(UNTAGGED);
    for (const tag of tags) dropTagged(tag);
  });

  function cacheable(req: Request): boolean {
    return (
      (req.method === "GET" || req.method === "HEAD") &&
      !req.headers.authorization &&
      !hasSession(req.headers.cookie) &&
      !NEVER.test(req.path)
    );
  }

  function lookUp(key: string): Entry | null {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      forget(entry);
      return null;
    }
    // Most recently used last: the first entries are the ones to evict.
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  }

  function store(entry: Entry) {
    const old = entries.get(entry.key);
    if (old) forget(old);
    entries.set(entry.key, entry);
    bytes += entry.bytes;
    for (const tag of entry.tags ?? [UNTAGGED]) {
      let keys = byTag.get(tag);
      if (!keys) byTag.set(tag, (keys = new Set()));
      keys.add(entry.key);
    }
    for (const oldest of entries.values()) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  }

  const handler: RequestHandler = (req, res, next) => {
    if (!cacheable(req)) return next();
    res.vary("Cookie");
    // Says why a page was rendered: "unheard" while this process cannot hear other processes' writes.
    if (!canTrustCache()) {
      res.setHeader("X-Page-Cache", "unheard");
      return next();
    }
    const key = req.originalUrl;
    const hit = lookUp(key);
    if (hit) return send(req, res, hit);
    res.setHeader("X-Page-Cache", "miss");
    const context = requestContext();
    if (req.method === "GET" && context) record(res, key, context, (entry) => store(entry), ttlSeconds * 1000);
    next();
  };

  return {
    handler,
    /** How many pages and bytes are held; for tests and diagnostics. */
    size: () => ({ pages: entries.size, bytes }),
  };
}

function send(req: Request, res: Response, entry: Entry) {
  const nonce = randomBytes(NONCE_BYTES).toString("base64");
  res.status(entry.status);
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  if (entry.csp) res.setHeader("Content-Security-Policy", entry.csp.join(nonce));
  res.setHeader("ETag", entry.etag);
  res.setHeader("X-Page-Cache", "hit");
  res.vary("Accept-Encoding");
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
  const body = gzip ? gzipWithNonce(entry, nonce) : joinWithNonce(entry.pieces, nonce);
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Copies what the rest of the app answers, and stores it if it may be reused. */
function record(res: Response, key: string, context: RequestContext, keep: (entry: Entry) => void, ttlMs: number) {
  const since = invalidationSequence();
  const chunks: Buffer[] = [];
  const write = res.write;
  const end = res.end;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array),
    );
  };
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Response["write"];
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    const result = (end as (...args: unknown[]) => Response).call(this, chunk, ...rest);
    const cacheControl = String(res.getHeader("Cache-Control") ?? "");
    const forNobody = context.viewer === "nobody" || (context.viewer === undefined && /(^|,)\s*public\b/.test(cacheControl));
    const tags = context.shows ? [...context.shows] : null;
    if (
      forNobody &&
      res.statusCode === 200 &&
      !res.hasHeader("Set-Cookie") &&
      !/no-store|private/.test(cacheControl) &&
      canTrustCache() &&
      !changedSince(since, tags)
    ) {
      keep(entryFor(key, tags, Date.now() + ttlMs, res, Buffer.concat(chunks)));
    }
    return result;
  } as Response["end"];
}

function entryFor(key: string, tags: string[] | null, expires: number, res: Response, body: Buffer): Entry {
  const csp = res.getHeader("Content-Security-Policy");
  const nonce = typeof csp === "string" ? /'nonce-([^']+)'/.exec(csp)?.[1] : undefined;
  const pieces = nonce ? split(body, Buffer.from(nonce)) : [body];
  const headers = Object.entries(res.getHeaders()).filter(
    (header): header is [string, string | number | string[]] => header[1] !== undefined && !DROPPED_HEADERS.has(header[0]),
  );
  const hash = createHash("sha256");
  for (const piece of pieces) hash.update(piece);
  return {
    key,
    tags,
    expires,
    status: 200,
    headers,
    csp: typeof csp === "string" ? (nonce ? csp.split(nonce) : [csp]) : null,
    pieces,
    deflated: null,
    etag: `W/"${hash.digest("base64url").slice(0, 27)}"`,
    bytes: body.length * 2 + key.length,
  };
}

function split(body: Buffer, separator: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    pieces.push(body.subarray(from, at));
    from = at + separator.length;
  }
  pieces.push(body.subarray(from));
  return pieces;
}

function joinWithNonce(pieces: Buffer[], nonce: string): Buffer {
  if (pieces.length === 1) return pieces[0]!;
  const separator = Buffer.from(nonce);
  return Buffer.concat(pieces.flatMap((piece, i) => (i === 0 ? [piece] : [separator, piece])));
}

/**
 * A gzip member whose deflate stream is the pre-compressed pieces with the
 * nonce between them in stored (uncompressed) blocks. Each piece was
 * compressed on its own and flushed to a byte boundary, so they join
 * without re-compressing; only the CRC is computed per answer.
 */
function gzipWithNonce(entry: Entry, nonce: string): Buffer {
  entry.deflated ??= entry.pieces.map((piece) => deflateRawSync(piece, { finishFlush: constants.Z_FULL_FLUSH }));
  const separator = Buffer.from(nonce);
  const stored = Buffer.concat([
    Buffer.from([0x00, separator.length & 0xff, separator.length >> 8, ~separator.length & 0xff, (~separator.length >> 8) & 0xff]),
    separator,
  ]);
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])];
  let crc = 0;
  let size = 0;
  entry.deflated.forEach((deflated, i) => {
    if (i > 0) {
      parts.push(stored);
      crc = crc32(separator, crc);
      size += separator.length;
    }
    parts.push(deflated);
    crc = crc32(entry.pieces[i]!, crc);
    size += entry.pieces[i]!.length;
  });
  // The last block: empty, stored, final. Then the CRC and length of what it all inflates to.
  const trailer = Buffer.alloc(13);
  trailer.set([0x01, 0x00, 0x00, 0xff, 0xff]);
  trailer.writeUInt32LE(crc >>> 0, 5);
  trailer.writeUInt32LE(size >>> 0, 9);
  parts.push(trailer);
  return Buffer.concat(parts);
}
