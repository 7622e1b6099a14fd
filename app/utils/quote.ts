/**
 * A quoted post as Markdown for the reply form: who wrote it, a link back to
 * it, then the text as a block quote. The same on the server (the "Quote"
 * link without JavaScript: the whole stored Markdown) and in the browser
 * (the text selected in the post).
 */
export function quoteMarkdown(quoted: { username: string; href: string; text: string }): string {
  const lines = quoted.text.trim().replace(/\r\n?/g, "\n").split("\n");
  // A username is [a-z0-9_-] (sign-up allows no other): as a mention it links to the profile and tells them.
  return `> **@${quoted.username}** [wrote](${quoted.href}):\n>\n${lines.map((line) => (line ? `> ${line}` : ">")).join("\n")}\n\n`;
}
