import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import { sendAnswer } from "./answer-page.server";
import { answerRefusals } from "./refusals.server";

/** The address that rate limits count against; express resolves X-Forwarded-For only when TRUST_PROXY is set. */
export function clientIpOf(req: ExpressRequest): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** The host the visitor addressed: the proxy's X-Forwarded-Host when TRUST_PROXY is set, else Host. */
export function requestHost(req: ExpressRequest): string | undefined {
  const forwarded = req.app.enabled("trust proxy") ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.get("host");
}

/**
 * The Fetch Request Remix sees. Unlike @remix-run/express, which streams
 * the body from the socket, this hands Remix the body that form-body.server.ts
 * already read and checked, so a body is never read twice or left half-read.
 */
function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const url = new URL(req.originalUrl, `${req.protocol}://${requestHost(req)}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const controller = new AbortController();
  // Stop loaders and actions once nobody is waiting for the answer.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    // The body was inflated and measured already; its original length and encoding no longer apply.
    headers.delete("content-length");
    headers.delete("content-encoding");
    headers.delete("transfer-encoding");
    init.body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array(0);
  }
  return new Request(url, init);
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixHandler(build: ServerBuild): RequestHandler {
  const handle = createRequestHandler(answerRefusals(build), build.mode);
  return async (req, res, next) => {
    let request: Request;
    try {
      request = toFetchRequest(req, res);
    } catch {
      return sendAnswer(req, res, { status: 400, title: "That request didn't look right", message: "Its address could not be read." });
    }
    try {
      const response = await handle(request, { clientIp: clientIpOf(req) });
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
