/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // A *.server.ts file in app/routes is never a route: it is the server half
  // that routes beside it share (api.server.ts, feeds.server.ts …).
  ignoredRouteFiles: ["**/.*", "**/*.test.*", "**/*.server.*"],
  // The express server is compiled together with the app so that the
  // database module (migrations, seed) exists exactly once at run time.
  server: "./app/server.ts",
  serverModuleFormat: "esm",
  serverBuildPath: "build/index.js",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: false,
  },
};
