import type { ErrorRequestHandler, RequestHandler } from "express";
import { ERROR_ID_COOKIE } from "~/components/ErrorId";
import { log, loggablePath, recordError } from "~/utils/log.server";
import { runWithRequestContext, type RequestContext } from "~/utils/request-context.server";
import { BODY_MAX } from "~/utils/form-limits";
import { sendAnswer } from "./answer-page.server";
import { beforeHeaders } from "./security-headers.server";

/**
 * One JSON line per request: method, path (secret query values redacted),
 * status, duration, the signed-in user's id, and the error id when the
 * person was shown one. Never headers, cookies or bodies.
 */
export function requestLog(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = {};
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      log("info", "request", {
        method: req.method,
        path: loggablePath(req.originalUrl),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        userId: context.userId,
        errorId: context.errorId,
        refused: context.refused,
        // The client went away before the whole answer was sent.
        incomplete: res.writableFinished ? undefined : true,
      });
    };
    res.on("finish", write);
    res.on("close", write);
    beforeHeaders(res, (status) => {
      if (status >= 500 && context.errorId) {
        res.append("Set-Cookie", `${ERROR_ID_COOKIE}=${context.errorId}; Path=/; Max-Age=120; SameSite=Lax`);
      }
    });
    runWithRequestContext(context, next);
  };
}

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${+(bytes / 1_048_576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The last express handler: body-reading errors become clear 4xx pages; anything else is logged under an error id. */
export function errorAnswers(options: { bodyLimitBytes: number }): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === "number" ? error.status : 500;
    if (status === 413) {
      return sendAnswer(req, res, {
        status,
        title: "That's too large",
        message:
          `This site accepts at most ${size(options.bodyLimitBytes)} in one go, and a post at most ` +
          `${BODY_MAX.toLocaleString("en")} characters. Go back, shorten it and send it again.`,
      });
    }
    if (status >= 400 && status < 500) {
      return sendAnswer(req, res, {
        status,
        title: "That request didn't look right",
        message: "It could not be read. Go back, reload the page and try again.",
      });
    }
    const errorId = recordError(error, { method: req.method, url: req.originalUrl });
    sendAnswer(req, res, {
      status: 500,
      title: "Something went wrong on our side",
      message: `Nothing you did caused this. Please try again in a moment. If you contact us about it, mention error id ${errorId}.`,
    });
  };
}
