import { config, ConfigError } from "./config.server";

/**
 * Imported first by app/server.ts, before any module that reads a setting
 * while it loads: a bad setting stops the server here with one line per bad
 * value, naming it and what it accepts, and no stack trace.
 */
try {
  config();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
