import * as build from "@remix-run/dev/server-build";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { startBackgroundJobs } from "./background.server";
import { prepareDatabase } from "./startup.server";

/**
 * The production server. remix.config.js compiles it together with the app
 * into build/index.js, so `node build/index.js` is all it takes to run.
 */
const port = Number(process.env.PORT) || 3000;

await prepareDatabase();
const stopBackgroundJobs = startBackgroundJobs();

const app = express();
app.disable("x-powered-by");
// Fingerprinted assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: build.mode }));

const server = app.listen(port, () => {
  console.log(`Cocreate is listening on http://localhost:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => void stopBackgroundJobs().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
