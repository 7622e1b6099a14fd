import sharp, { type Metadata, type SharpOptions } from "sharp";

/**
 * An uploaded file becomes an image we serve only by going through here:
 * its type is read from its first bytes (never its name or the browser's
 * word), then it is decoded in full and encoded afresh by sharp (libvips).
 * What comes out holds only pixels: no metadata (EXIF location, comments,
 * ICC extras), and nothing appended or hidden in the original survives
 * (a GIF that is also a script, a JPEG with a ZIP after it).
 * A file that unpacks into more than `maxPixels` is refused before decoding.
 */

export type ImageType = "png" | "jpeg" | "webp" | "gif";

export const imageTypes: Record<ImageType, { contentType: string; ext: string }> = {
  png: { contentType: "image/png", ext: "png" },
  jpeg: { contentType: "image/jpeg", ext: "jpg" },
  webp: { contentType: "image/webp", ext: "webp" },
  gif: { contentType: "image/gif", ext: "gif" },
};

export type CleanImage = { type: ImageType; bytes: Buffer; width: number; height: number };

/** What cleanImage can refuse (app/utils/image-problems.ts has the messages). */
export type ImageProblem = "empty" | "not-image" | "svg" | "too-large" | "too-many-pixels" | "broken";

export class ImageRefused extends Error {
  constructor(readonly problem: ImageProblem) {
    super(problem);
    this.name = "ImageRefused";
  }
}

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the file's own first bytes say it is, or null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  return null;
}

/** SVG is XML that can carry scripts: refused by name, so the message can say why. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("utf8").toLowerCase();
  return head.includes("<svg") || (head.trimStart().startsWith("<?xml") && head.includes("svg"));
}

const overPixelLimit = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message);

export async function cleanImage(input: Uint8Array, limits: { maxBytes: number; maxPixels: number }): Promise<CleanImage> {
  if (input.length === 0) throw new ImageRefused("empty");
  if (input.length > limits.maxBytes) throw new ImageRefused("too-large");
  const type = sniffImageType(input);
  if (!type) throw new ImageRefused(looksLikeSvg(input) ? "svg" : "not-image");
  const animated = type === "gif" || type === "webp";
  const options: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: "warning", animated, sequentialRead: true };
  let meta: Metadata;
  try {
    meta = await sharp(input, options).metadata();
  } catch (error) {
    throw new ImageRefused(overPixelLimit(error) ? "too-many-pixels" : "broken");
  }
  // The header's word and the decoder's must agree: a PNG header on a GIF body is not a PNG.
  if (meta.format !== type || !meta.width || !meta.height) throw new ImageRefused("broken");
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight * (meta.pages ?? 1) > limits.maxPixels) throw new ImageRefused("too-many-pixels");
  try {
    let image = sharp(input, options).rotate();
    image =
      type === "png"
        ? image.png({ compressionLevel: 9 })
        : type === "jpeg"
          ? image.jpeg({ quality: 85, mozjpeg: true })
          : type === "webp"
            ? image.webp({ quality: 85 })
            : image.gif();
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { type, bytes: data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (error) {
    throw new ImageRefused(overPixelLimit(error) ? "too-many-pixels" : "broken");
  }
}
