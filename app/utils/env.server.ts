/**
 * Reads configuration at run time. The Remix compiler replaces the literal
 * `process.env.NODE_ENV` with the build mode, so `npm start` (a production
 * build run locally) would look like a production deployment; a dynamic key
 * keeps the decision with whoever starts the server.
 */
export function env(name: string): string | undefined {
  return process.env[name];
}

export function isProductionDeployment(): boolean {
  return env("NODE_ENV") === "production";
}
