/**
 * The form schemas, for routes that parse with them only in their loader or
 * action. Importing them from this .server module keeps zod (about 95 KB of
 * gzipped JavaScript) off those pages: the browser build leaves .server
 * modules out, while a plain import would bundle validation.ts's schemas.
 */
export * from "./validation";
