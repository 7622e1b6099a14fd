import type { IssueTracker } from "~db/schema";

/** How an issue link is shown: the tracker's name and the issue's key as the tracker writes it. */
export const trackerNames: Record<IssueTracker, string> = {
  github: "GitHub",
  gitlab: "GitLab",
  jira: "Jira",
  linear: "Linear",
  other: "Issue",
};

const shapes: { tracker: IssueTracker; host: (host: string) => boolean; path: RegExp; key: (m: RegExpExecArray) => string }[] = [
  // https://github.com/owner/repo/issues/12 (or /pull/12)
  {
    tracker: "github",
    host: (h) => h === "github.com",
    path: /^\/([\w.-]+)\/([\w.-]+)\/(?:issues|pull)\/(\d+)\/?$/,
    key: (m) => `${m[1]}/${m[2]}#${m[3]}`,
  },
  // https://gitlab.com/group/sub/project/-/issues/12 (self-hosted GitLab keeps the /-/issues/ shape)
  {
    tracker: "gitlab",
    host: () => true,
    path: /^\/((?:[\w.-]+\/)+[\w.-]+)\/-\/(?:issues|merge_requests)\/(\d+)\/?$/,
    key: (m) => `${m[1]}#${m[2]}`,
  },
  // https://acme.atlassian.net/browse/PROJ-123
  { tracker: "jira", host: (h) => h.endsWith(".atlassian.net"), path: /^\/browse\/([A-Z][A-Z0-9_]+-\d+)\/?$/, key: (m) => m[1]! },
  // https://linear.app/acme/issue/ENG-42/some-title
  { tracker: "linear", host: (h) => h === "linear.app", path: /^\/[\w-]+\/issue\/([A-Z][A-Z0-9]*-\d+)(?:\/[^/]*)?\/?$/, key: (m) => m[1]! },
];

/**
 * Which tracker a link points to, recognized by the URL's shape, and the
 * issue's key; any other http(s) URL is an "other" link keyed by its host
 * and path. Null for what is not an http(s) URL.
 */
export function recognizeIssue(value: string): { url: string; tracker: IssueTracker; key: string } | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  for (const shape of shapes) {
    const match = shape.host(host) ? shape.path.exec(url.pathname) : null;
    if (match) return { url: url.href, tracker: shape.tracker, key: shape.key(match) };
  }
  return { url: url.href, tracker: "other", key: `${host}${url.pathname === "/" ? "" : url.pathname}`.slice(0, 120) };
}
