/**
 * Rate limits high enough that only a test setting its own small value ever
 * meets one: test servers do in seconds what many people do in a day, all
 * from one address. Shared by the integration and end-to-end servers.
 */
export const GENEROUS_RATE_LIMITS = {
  RATE_LIMIT_READS: "100000/60",
  RATE_LIMIT_SEARCH: "100000/60",
  RATE_LIMIT_SIGNUP: "100000/3600",
  RATE_LIMIT_SIGNIN_IP: "100000/900",
  RATE_LIMIT_SIGNIN_ACCOUNT: "100000/900",
  RATE_LIMIT_PASSWORD_CHANGE: "100000/900",
  RATE_LIMIT_ACCOUNT_EMAIL_IP: "100000/3600",
  RATE_LIMIT_ACCOUNT_EMAIL_ADDRESS: "100000/3600",
  RATE_LIMIT_THREADS: "100000/3600",
  RATE_LIMIT_REPLIES: "100000/600",
  RATE_LIMIT_EDITS: "100000/600",
  // New members' posting limits (app/models/posting-limits.server.ts); their link limit stays as in production.
  NEW_MEMBER_MIN_GAP_SECONDS: "0",
  NEW_MEMBER_THREADS_PER_DAY: "1000",
  NEW_MEMBER_REPLIES_PER_DAY: "1000",
  NEW_MEMBER_UPLOADS_PER_DAY: "1000",
};
