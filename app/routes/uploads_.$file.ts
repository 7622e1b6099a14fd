import type { LoaderFunctionArgs } from "@remix-run/node";
import { servableImage } from "~/models/upload.server";

/**
 * An uploaded image. Its name is random and its bytes never change, so it is
 * cached for a year; its type is the re-encoding's, and nosniff keeps
 * browsers from reading it as anything else. No such image, one staff
 * removed, or one whose post is deleted: 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const image = await servableImage(params.file ?? "");
  if (!image) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Disposition": "inline",
    },
  });
}
