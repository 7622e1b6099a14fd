import express, { type RequestHandler } from "express";
import { sendAnswer } from "./answer-page.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Reads the body of every POST (and other non-GET request) up front, up to
 * `limitBytes` (a larger body, announced or streamed, is a 413), and lets
 * through only form bodies that parse. Every action reads a form, so
 * anything else would fail inside it as a 500; here it is a 400 or 415.
 * The JSON API (paths under `jsonPrefix`) also takes JSON, which its
 * routes parse themselves (invalid JSON is their 400).
 */
export function formBodies(limitBytes: number, options: { jsonPrefix: string }): RequestHandler[] {
  const read = express.raw({ type: () => true, limit: limitBytes });
  const check: RequestHandler = async (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.body = body;
    const type = req.get("content-type") ?? "";
    if (body.length === 0) {
      // An empty POST is an empty form: the action's validation answers it (400), not the body parser.
      if (!req.is(FORM_TYPES)) req.headers["content-type"] = FORM_TYPES[0];
      return next();
    }
    const isApi = req.path.startsWith(options.jsonPrefix);
    if (!req.is(isApi ? [...FORM_TYPES, "application/json"] : FORM_TYPES)) {
      return sendAnswer(req, res, {
        status: 415,
        title: "That kind of request isn't accepted here",
        message: isApi ? "Send JSON or a form." : "This site only accepts forms sent from its own pages.",
      });
    }
    if (req.is("multipart/form-data")) {
      try {
        await new Response(new Uint8Array(body), { headers: { "Content-Type": type } }).formData();
      } catch {
        return sendAnswer(req, res, {
          status: 400,
          title: "That form could not be read",
          message: "Its content was cut off or garbled on the way. Go back and send it again.",
        });
      }
    }
    next();
  };
  return [read, check];
}
