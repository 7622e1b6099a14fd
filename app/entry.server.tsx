import { Writable } from "node:stream";
import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { ErrorIdProvider } from "~/components/ErrorId";
import { NonceProvider } from "~/components/Nonce";
import { recordError } from "~/utils/log.server";
import { requestContext } from "~/utils/request-context.server";
import { securityHeaders } from "~/utils/security-headers.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  // Remix emits inline scripts; a fresh nonce per response lets the CSP forbid every other inline script.
  const nonce = randomBytes(16).toString("base64");

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Stops a render that hangs. Cleared as soon as the page is out: a pending timer keeps the
    // whole render (its data and HTML) alive for 5 s, which under load held hundreds of MB.
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ErrorIdProvider value={requestContext()?.errorId}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </ErrorIdProvider>
      </NonceProvider>,
      {
        nonce,
        // No page defers data, so the whole page is ready at once: it is gathered into one
        // buffer and answered as one body, cheaper than passing it chunk by chunk through
        // Node and web streams (and the same for browsers and crawlers).
        onShellReady() {
          // From here on an error is inside a boundary, which Remix never hears of: it is logged here.
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk);
              callback();
            },
            final(callback) {
              clearTimeout(abortTimer);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              for (const [name, value] of Object.entries(securityHeaders(nonce))) responseHeaders.set(name, value);
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
              callback();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) recordError(error, request);
        },
      },
    );
    abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Every unexpected error in a loader, action or render is logged once under
 * an id; the error page and the request's log line show the same id.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // A visitor who left mid-request, or a URL that matches no page (Remix passes its 404 here too), is not an error.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  recordError(error, request);
}
