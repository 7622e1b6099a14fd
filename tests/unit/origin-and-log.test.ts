import { describe, expect, it } from "vitest";
import { judgeOrigin } from "~/http/origin-check.server";
import { loggablePath } from "~/utils/log.server";
import { pageCsp } from "~/utils/security-headers.server";

describe("judging where a form came from", () => {
  const host = "forum.example:8443";
  const judge = (origin?: string, referer?: string, hasSessionCookie = true) => judgeOrigin({ origin, referer, host, hasSessionCookie });

  it.each([
    ["https://forum.example:8443", undefined, "same-origin"],
    ["http://forum.example:8443", undefined, "same-origin"],
    ["https://evil.example", undefined, "foreign"],
    ["https://forum.example", undefined, "foreign"],
    ["https://forum.example:8443.evil.example", undefined, "foreign"],
    ["https://evil.example/?forum.example:8443", undefined, "foreign"],
    ["null", undefined, "foreign"],
    ["javascript:alert(1)", undefined, "foreign"],
    ["not a url", undefined, "foreign"],
    [undefined, "https://forum.example:8443/threads/1", "same-origin"],
    [undefined, "https://evil.example/forum.example:8443", "foreign"],
    // Origin wins over a Referer that says otherwise.
    ["https://evil.example", "https://forum.example:8443/", "foreign"],
  ] as const)("Origin %s, Referer %s: %s", (origin, referer, verdict) => {
    expect(judge(origin, referer)).toBe(verdict);
  });

  it("default ports compare equal to no port", () => {
    expect(judgeOrigin({ origin: "https://forum.example", host: "forum.example:443", hasSessionCookie: true })).toBe("same-origin");
    expect(judgeOrigin({ origin: "http://forum.example", host: "forum.example:80", hasSessionCookie: true })).toBe("same-origin");
  });

  it("a missing or malformed Host matches nothing", () => {
    expect(judgeOrigin({ origin: "https://forum.example", host: undefined, hasSessionCookie: false })).toBe("foreign");
    expect(judgeOrigin({ origin: "https://forum.example", host: "bad host/x", hasSessionCookie: false })).toBe("foreign");
  });

  it("a request naming no origin is refused only when it carries a session", () => {
    expect(judge(undefined, undefined, true)).toBe("missing-with-session");
    expect(judge(undefined, undefined, false)).toBe("missing");
  });
});

describe("what the request log keeps of a URL", () => {
  it.each([
    ["/unsubscribe?token=abc.def.ghi", "/unsubscribe?token=[redacted]"],
    ["/search?q=csv%20import&page=2", "/search?q=csv%20import&page=2"],
    [
      "/reset?resetToken=1&code=2&api_key=3&password=4",
      "/reset?resetToken=[redacted]&code=[redacted]&api_key=[redacted]&password=[redacted]",
    ],
    ["/threads/1/slug", "/threads/1/slug"],
    ["http://localhost:3000/?token=x", "/?token=[redacted]"],
  ])("%s is logged as %s", (url, logged) => {
    expect(loggablePath(url)).toBe(logged);
  });
});

describe("the page CSP", () => {
  it("allows no inline script but the response's nonce, and none at all without one", () => {
    expect(pageCsp("abc123")).toContain("script-src 'self' 'nonce-abc123'");
    expect(pageCsp()).toContain("script-src 'self';");
    expect(pageCsp("abc123")).not.toContain("unsafe");
    expect(pageCsp()).toContain("frame-ancestors 'none'");
  });
});
