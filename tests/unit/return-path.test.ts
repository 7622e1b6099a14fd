import { describe, expect, it } from "vitest";
import { authHref, safeRedirect } from "~/utils/return-path";

/**
 * Values an attacker puts in `redirectTo`, as the action or loader receives
 * them (URLSearchParams and FormData have already decoded one layer).
 */
const hostile: [string, unknown][] = [
  ["tab after the slash (browsers drop it: //evil.example)", "/\t/evil.example/"],
  ["tab, percent-encoded once more", "/%09/evil.example/"],
  ["line feed", "/\n/evil.example"],
  ["carriage return and line feed", "/threads/1\r\nSet-Cookie: x=1"],
  ["encoded CR/LF", "/threads/1%0D%0ASet-Cookie:%20x=1"],
  ["NUL", "/\u0000/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["C1 control", "/\u0085/evil.example"],
  ["protocol-relative", "//evil.example/"],
  ["slash backslash", "/\\evil.example"],
  ["backslash slash", "\\/evil.example"],
  ["backslashes only", "\\\\evil.example"],
  ["encoded second slash", "/%2F/evil.example"],
  ["encoded second slash, lower case", "/%2fevil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["encoded backslash, lower case", "/%5cevil.example"],
  ["absolute http URL", "http://evil.example/"],
  ["absolute https URL", "https://evil.example/threads/1"],
  ["javascript: URL", "javascript:alert(1)"],
  ["data: URL", "data:text/html,<script>alert(1)</script>"],
  ["scheme-relative with spaces", " //evil.example"],
  ["no leading slash", "evil.example"],
  ["empty", ""],
  ["malformed escape", "/%E0%A4%A"],
  ["far too long", `/${"a".repeat(5_000)}`],
  ["not a string", ["/threads/1"]],
  ["null", null],
];

describe("where sign-in and sign-up send people back to", () => {
  it.each(hostile)("goes home for %s", (_name, value) => {
    expect(safeRedirect(value)).toBe("/");
  });

  it.each([
    ["/threads/12/how-to-export", "/threads/12/how-to-export"],
    ["/products/pulse?sort=votes&kind=idea", "/products/pulse?sort=votes&kind=idea"],
    ["/threads/3#post-9", "/threads/3#post-9"],
    ["/search?q=caf%C3%A9", "/search?q=caf%C3%A9"],
    ["/", "/"],
  ])("keeps the path on this site %s", (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });

  it("builds sign-in and sign-up links that come back, except from home and the account pages", () => {
    expect(authHref("signup", "/threads/4/a-thread")).toBe("/signup?redirectTo=%2Fthreads%2F4%2Fa-thread");
    expect(authHref("login", "/products/pulse?sort=votes")).toBe("/login?redirectTo=%2Fproducts%2Fpulse%3Fsort%3Dvotes");
    expect(authHref("login", "/")).toBe("/login");
    expect(authHref("signup", "/login?redirectTo=%2Fx")).toBe("/signup");
    expect(authHref("login", "//evil.example")).toBe("/login");
  });
});
