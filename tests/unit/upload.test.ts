import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteContent, restoreContent } from "~/models/moderation.server";
import { createReply, editReply } from "~/models/post.server";
import { altFromFileName, ImageNotAccepted, removeImage, servableImage, uploadImage } from "~/models/upload.server";
import { cleanImage, ImageRefused, sniffImageType } from "~/uploads/image.server";
import { imageStore } from "~/uploads/storage.server";
import { createTestThread, createTestUser, refusalOf } from "./factories";
import { restoreSettings, setSettings } from "./settings";

afterEach(restoreSettings);

const LIMITS = { maxBytes: 5 * 1_048_576, maxPixels: 40_000_000 };

const picture = (format: "png" | "jpeg" | "webp" | "gif", size = 16) => {
  const image = sharp({ create: { width: size, height: size, channels: 3, background: "#3b3fd8" } });
  return (format === "png" ? image.png() : format === "jpeg" ? image.jpeg() : format === "webp" ? image.webp() : image.gif()).toBuffer();
};

/** A PNG whose header claims width × height: the pixels behind it are a 1×1 image's. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await picture("png", 1));
  // IHDR: length(4) "IHDR"(4) width(4) height(4) … crc(4), right after the 8-byte signature.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

async function problemOf(bytes: Uint8Array, limits = LIMITS) {
  const refused = await cleanImage(bytes, limits).then(
    () => null,
    (error: unknown) => error,
  );
  return refused instanceof ImageRefused ? refused.problem : refused;
}

describe("an uploaded file", () => {
  it.each(["png", "jpeg", "webp", "gif"] as const)("that is a %s is re-encoded as one, its size read from the pixels", async (format) => {
    const clean = await cleanImage(await picture(format), LIMITS);
    expect([clean.type, clean.width, clean.height]).toEqual([format, 16, 16]);
    expect((await sharp(clean.bytes).metadata()).format).toBe(format);
  });

  it("is known by its first bytes, not its name", async () => {
    expect(sniffImageType(await picture("png"))).toBe("png");
    expect(sniffImageType(Buffer.from("GIF89a but not really"))).toBe("gif");
    expect(sniffImageType(Buffer.from("just text named photo.png"))).toBeNull();
  });

  it("loses its metadata: camera, location and comments", async () => {
    const withExif = await sharp(await picture("jpeg"))
      .withExif({ IFD0: { Copyright: "SECRET-OWNER", ImageDescription: "home address" } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const clean = await cleanImage(withExif, LIMITS);
    expect((await sharp(clean.bytes).metadata()).exif).toBeUndefined();
    expect(clean.bytes.includes("SECRET-OWNER")).toBe(false);
  });

  it.each([
    ["an empty file", () => Buffer.alloc(0), "empty"],
    ["text", () => Buffer.from("hello, I am a text file"), "not-image"],
    ["a script", () => Buffer.from("<script>alert(1)</script>"), "not-image"],
    ["an SVG", () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "svg"],
    ["an SVG without a prolog", () => Buffer.from('<svg onload="alert(1)"></svg>'), "svg"],
    ["a PDF", () => Buffer.from("%PDF-1.4\n1 0 obj"), "not-image"],
    ["a GIF header and nothing else", () => Buffer.from("GIF89a/*</script><script>alert(1)//*/"), "broken"],
  ] as const)("is refused when it is %s", async (_what, bytes, problem) => {
    expect(await problemOf(bytes())).toBe(problem);
  });

  it("is refused when cut off", async () => {
    for (const format of ["png", "jpeg", "webp", "gif"] as const) {
      const whole = await picture(format, 64);
      expect([format, await problemOf(whole.subarray(0, Math.floor(whole.length / 2)))]).toEqual([format, "broken"]);
    }
  });

  it("is refused when larger than the size limit, before anything reads it", async () => {
    const png = await picture("png", 64);
    expect(await problemOf(png, { ...LIMITS, maxBytes: png.length - 1 })).toBe("too-large");
  });

  it("is refused when it has more pixels than the limit, and a decompression bomb before it is decoded", async () => {
    expect(await problemOf(await picture("png", 200), { ...LIMITS, maxPixels: 10_000 })).toBe("too-many-pixels");
    const bomb = await pngClaiming(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const started = Date.now();
    expect(await problemOf(bomb)).toBe("too-many-pixels");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("keeps nothing of a polyglot: a GIF that is also a script, a JPEG with a ZIP behind it", async () => {
    const script = Buffer.from("\n;alert(document.cookie);//<script>alert(2)</script>");
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.from("evil.html<script>alert(3)</script>"), Buffer.alloc(64)]);
    for (const polyglot of [Buffer.concat([await picture("gif"), script]), Buffer.concat([await picture("jpeg"), zip])]) {
      const outcome = await cleanImage(polyglot, LIMITS).then(
        (clean) => clean.bytes,
        (error: unknown) => (error instanceof ImageRefused ? null : Promise.reject(error)),
      );
      // Refused, or re-encoded with nothing of what was appended.
      if (outcome) {
        expect(outcome.includes("alert")).toBe(false);
        expect(outcome.includes("PK\u0003\u0004")).toBe(false);
        expect(outcome.includes("script")).toBe(false);
      }
    }
  });

  it("gets alt text from its name with nothing Markdown or HTML would read", () => {
    expect(altFromFileName("Screen Shot 2026-11-30 at 10.15.png")).toBe("Screen Shot 2026 11 30 at 10 15");
    expect(altFromFileName('x](javascript:alert(1))<img src=x onerror=alert(2)>".png')).toBe(
      "x javascript alert 1 img src x onerror alert 2",
    );
    expect(altFromFileName(".png")).toBe("image");
  });
});

describe("uploading an image", () => {
  it("stores the re-encoding under a random name and refuses what is not an image next to the field, storing nothing", async () => {
    const member = await createTestUser();
    const uploaded = await uploadImage(member, { bytes: await picture("jpeg"), name: "diagram.gif" });
    expect(uploaded.path).toMatch(/^\/uploads\/[0-9a-f]{32}\.jpg$/);
    expect(uploaded.markdown).toBe(`![diagram](${uploaded.path})`);
    expect((await servableImage(uploaded.path.slice(9)))?.contentType).toBe("image/jpeg");

    const before = await getDb().selectFrom("uploads").select("id").execute();
    const refusal = await refusalOf(() => uploadImage(member, { bytes: Buffer.from("<svg/onload=alert(1)>"), name: "cat.png" }));
    expect(refusal).toMatchObject({ status: 400, fields: { image: expect.stringContaining("SVG images can't be attached") } });
    const thrown = await uploadImage(member, { bytes: Buffer.from("%PDF-1.4"), name: "x.png" }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ImageNotAccepted);
    expect((thrown as ImageNotAccepted).problem).toBe("not-image");
    expect(await getDb().selectFrom("uploads").select("id").execute()).toEqual(before);
  });

  it("counts toward a new member's daily limit", async () => {
    setSettings({ NEW_MEMBER_UPLOADS_PER_DAY: "2" });
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    await uploadImage(member, { bytes: await picture("png"), name: "1.png" });
    await uploadImage(member, { bytes: await picture("png"), name: "2.png" });
    const third = await picture("png");
    const refusal = await refusalOf(() => uploadImage(member, { bytes: third, name: "3.png" }));
    expect(refusal.fields.image).toMatch(/New members can attach 2 images a day/);
    const rows = await getDb().selectFrom("uploads").select("id").where("user_id", "=", member.id).execute();
    expect(rows).toHaveLength(2);
    for (let i = 0; i < 3; i++) await uploadImage(staff, { bytes: await picture("png"), name: "s.png" });
  });

  it("is served while its post stands, not while the post is deleted, and never after staff remove it", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const threadId = await createTestThread(member);
    const first = await uploadImage(member, { bytes: await picture("png"), name: "a.png" });
    const key = first.path.slice("/uploads/".length);
    const postId = await createReply(member, threadId, `Look:\n\n${first.markdown}`);
    const row = await getDb().selectFrom("uploads").select("post_id").where("storage_key", "=", key).executeTakeFirstOrThrow();
    expect(row.post_id).toBe(postId);
    expect(await servableImage(key)).not.toBeNull();

    await deleteContent(staff, { type: "post", id: postId }, "Shows a password");
    expect(await servableImage(key)).toBeNull();
    await restoreContent(staff, { type: "post", id: postId });
    expect(await servableImage(key)).not.toBeNull();

    // Quoting it elsewhere does not take it over: it stays the first post's.
    const second = await uploadImage(member, { bytes: await picture("gif"), name: "b.gif" });
    await editReply(member, postId, `Look:\n\n${first.markdown}\n\n${second.markdown}`);
    expect(await servableImage(second.path.slice(9))).not.toBeNull();

    await removeImage(staff, key, "Shows a customer's data");
    expect(await servableImage(key)).toBeNull();
    expect(await imageStore().get(key)).toBeNull();
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_type", "target_id"])
      .where("action", "=", "image.remove")
      .execute();
    expect(audit).toContainEqual({ action: "image.remove", target_type: "post", target_id: postId });
  });

  it.each(["", "../../etc/passwd", "abc.png", `${"a".repeat(32)}.svg`, `${"a".repeat(32)}.png/../x`])(
    "answers a name that is not one (%j) with nothing",
    async (name) => {
      expect(await servableImage(name)).toBeNull();
    },
  );
});
