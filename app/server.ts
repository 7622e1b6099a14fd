// First: a bad setting stops the server before anything else runs.
import "./config-check.server";
import * as build from "@remix-run/dev/server-build";
import cluster from "node:cluster";
import fs from "node:fs";
import compression from "compression";
import express from "express";
import { closeDb } from "~db/client.server";
import { describeDatabase } from "~db/engine.server";
import { sessionIdFromCookies } from "./auth/session.server";
import { runPrimary } from "./cluster.server";
import { config } from "./config.server";
import { formBodies } from "./http/form-body.server";
import { originCheck } from "./http/origin-check.server";
import { createPageCache } from "./http/page-cache.server";
import { readLimits } from "./http/read-limits.server";
import { remixHandler } from "./http/remix-handler.server";
import { errorAnswers, requestLog } from "./http/request-log.server";
import { beforeHeaders, securityHeaders } from "./http/security-headers.server";
import { privateWhenSignedIn } from "./http/viewer-headers.server";
import { startJobs } from "./jobs/start.server";
import { prepareDatabase } from "./startup.server";
import { log } from "./utils/log.server";

/**
 * The production server. remix.config.js compiles it together with the app
 * into build/index.js, so `node build/index.js` is all it takes to run.
 */
const settings = config();
if (cluster.isPrimary && settings.CLUSTER_WORKERS > 1) await runPrimary(settings.CLUSTER_WORKERS);
else await serve();

/** One server process: the only one, or one of CLUSTER_WORKERS (app/cluster.server.ts), sharing the port. */
async function serve() {
  const port = settings.PORT; // 0 picks a free port (tests); a cluster's workers all get the same one
  const bodyLimitBytes = settings.MAX_BODY_BYTES;

  const { demo } = await prepareDatabase();
  const stopJobs = await startJobs();

  let draining = false;

  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY=1 (the number of proxies) makes req.ip and
  // req.secure come from X-Forwarded-For and X-Forwarded-Proto.
  if (settings.TRUST_PROXY !== undefined) app.set("trust proxy", settings.TRUST_PROXY);

  app.use(requestLog());
  app.use(securityHeaders());
  app.use(privateWhenSignedIn());
  // Pages are 5-7 times smaller gzipped; cached pages come pre-compressed (page-cache.server.ts).
  app.use(compression());
  app.use((_req, res, next) => {
    // While shutting down, answer what is in flight and let each connection go.
    beforeHeaders(res, () => {
      if (draining) res.setHeader("Connection", "close");
    });
    next();
  });
  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // public/ holds a few files at its top (the favicon): only their paths look on disk, not every page's.
  const publicFiles = new Set(
    fs
      .readdirSync("public")
      .filter((name) => name !== "build")
      .map((name) => `/${name}`),
  );
  const publicStatic = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
  const hasSession = (cookieHeader: string | undefined) => sessionIdFromCookies(cookieHeader) !== null;
  app.use(originCheck({ hasSession }));
  app.use(readLimits());
  if (settings.PAGE_CACHE) {
    const maxBytes = settings.PAGE_CACHE_MAX_MB * 1_048_576;
    app.use(createPageCache({ hasSession, ttlSeconds: settings.PAGE_CACHE_TTL_SECONDS, maxBytes }).handler);
  }
  // Images come with the form they are attached from (without JavaScript), so uploads have a limit of their own.
  app.use("/uploads", formBodies(settings.UPLOAD_MAX_BYTES + bodyLimitBytes, { jsonPrefix: "/api/" }));
  app.use(formBodies(bodyLimitBytes, { jsonPrefix: "/api/" }));
  app.all("*", remixHandler(build));
  app.use(errorAnswers({ bodyLimitBytes }));

  const server = app.listen(port, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    // `demo` says the demo's accounts are there (npm start prints how to sign in); the password is never logged.
    log("info", "listening", {
      port: actualPort,
      url: `http://localhost:${actualPort}`,
      database: describeDatabase(),
      demo,
      pid: process.pid,
    });
  });

  // Node closes an idle kept-alive connection after 5 s, which races a client (or a load balancer, 60 s idle
  // by default on the common ones) sending its next request on it: that request dies as ECONNRESET or a 502.
  // Idle connections stay open longer than any proxy in front keeps them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  /**
   * SIGTERM (and Ctrl-C): stop taking connections, let every request in flight
   * finish, then close the database (which checkpoints the WAL) and exit.
   * Requests still running after SHUTDOWN_TIMEOUT_MS are cut off.
   */
  function shutDown(signal: string) {
    if (draining) return;
    draining = true;
    log("info", "shutting-down", { signal });
    const finish = async (code: number) => {
      await stopJobs();
      await closeDb();
      log("info", "stopped", { code });
      process.exit(code);
    };
    server.close(() => void finish(0));
    // A connection that finished its answer a moment after SIGTERM is idle only then; with idle connections
    // kept for 65 s, sweep again until the server has closed rather than wait for the timeout.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      log("warn", "shutdown-timeout", { message: "requests still running were cut off" });
      server.closeAllConnections();
      void finish(1);
    }, settings.SHUTDOWN_TIMEOUT_MS).unref();
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => shutDown(signal));
}
