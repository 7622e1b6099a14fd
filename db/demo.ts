/**
 * The demo forum's sign-ins, as the README and `npm start` give them. Every
 * demo account (db/seed.ts) has this password; it is public, never a secret.
 */
export const DEMO_PASSWORD = "cocreate-demo";

/** One account per role, the member first: the one to try the forum as. */
export const DEMO_SIGN_INS = ["member@example.com", "staff@example.com", "admin@example.com"] as const;
