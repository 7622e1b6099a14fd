import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/markdown/render.server";
import { plainText } from "~/utils/plain-text";
import { restoreSettings, setSettings } from "./settings";

const allowedTags = new Set([
  "p",
  "br",
  "hr",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "img",
  "input",
]);

/** Every real tag in the output, with its attributes, so assertions look at markup rather than escaped text. */
function tagsOf(html: string): { name: string; attributes: Record<string, string> }[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((match) => {
    const attributes: Record<string, string> = {};
    for (const attr of (match[2] ?? "").matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes[attr[1]!.toLowerCase()] = attr[2] ?? attr[3] ?? attr[4] ?? "";
    }
    return { name: match[1]!.toLowerCase(), attributes };
  });
}

function expectHarmless(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/<svg/i);
  for (const tag of tagsOf(html)) {
    expect(allowedTags, `unexpected <${tag.name}>`).toContain(tag.name);
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(name, `event handler on <${tag.name}>`).not.toMatch(/^on/);
      expect(name).not.toBe("style");
      if (name === "href" || name === "src") expect(value).toMatch(/^(https?:|mailto:)/i);
    }
  }
}

const hostile: { name: string; source: string; check?: (html: string) => void }[] = [
  { name: "a script block", source: "<script>alert(1)</script>" },
  { name: "an inline script", source: "Hello <script>alert(1)</script> world" },
  { name: "a javascript: link", source: "[click](javascript:alert(1))" },
  { name: "a mixed-case javascript: link", source: "[click](JaVaScRiPt:alert(1))" },
  { name: "an entity-encoded javascript: link", source: "[x](javascript&colon;alert(1))" },
  { name: "a vbscript: link", source: "[x](vbscript:msgbox(1))" },
  { name: "a data: link", source: "[x](data:text/html;base64,PHNjcmlwdD4=)" },
  { name: "a raw anchor with a javascript: href", source: '<a href="javascript:alert(1)">x</a>' },
  { name: "a raw anchor with onclick", source: '<a href="https://ok.example" onclick="alert(1)">ok</a>' },
  { name: "an image with onerror", source: "<img src=x onerror=alert(1)>" },
  { name: "an inline image with onerror", source: "text <img src=x onerror=alert(1)> inline" },
  { name: "a styled div with onclick", source: '<div style="color:red" onclick="alert(1)">hi</div>' },
  { name: "an iframe", source: '<iframe src="https://evil.example"></iframe>' },
  { name: "an svg with onload", source: "<svg onload=alert(1)>" },
  { name: "a details element with ontoggle", source: "<details open ontoggle=alert(1)>" },
  { name: "a style block", source: "<style>body{display:none}</style>" },
  { name: "a data: image", source: "![x](data:image/png;base64,AAAA)" },
  { name: "a link title that tries to break out", source: '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")' },
  { name: "an image title that tries to break out", source: '![x](https://ok.example/a.png "\\"><script>alert(1)</script>")' },
];

describe("rendering markdown", () => {
  it.each(hostile)("neutralises $name", ({ source }) => {
    expectHarmless(renderMarkdown(source));
  });

  it("shows raw HTML as escaped text instead of dropping it", () => {
    const html = renderMarkdown('<div style="color:red">hi</div>');
    expect(html).toContain("&lt;div");
    expect(tagsOf(html).map((t) => t.name)).not.toContain("div");
  });

  it("removes the href of javascript: links but keeps their text", () => {
    const html = renderMarkdown("[click me](javascript:alert(1))");
    expect(html).toContain("click me");
    expect(html).not.toMatch(/href=/);
    expect(html).not.toMatch(/javascript:/i);
  });

  it("removes data: URLs from images", () => {
    const html = renderMarkdown("![pixel](data:image/png;base64,AAAA)");
    expect(html).not.toMatch(/data:/);
    expect(tagsOf(html).find((t) => t.name === "img")?.attributes.src).toBeUndefined();
  });

  it("turns another site's image into a link to it, so no reader's browser fetches it", () => {
    for (const source of [
      "![pixel](https://tracker.example/p.gif)",
      "![pixel](//tracker.example/p.gif)",
      "![pixel][ref]\n\n[ref]: https://tracker.example/p.gif",
    ]) {
      const tags = tagsOf(renderMarkdown(source));
      expect(
        tags.some((t) => t.name === "img"),
        source,
      ).toBe(false);
      const link = tags.find((t) => t.name === "a");
      expect(link?.attributes.rel, source).toBe("nofollow ugc noopener");
      expect(renderMarkdown(source), source).toContain(">pixel</a>");
    }
    expect(tagsOf(renderMarkdown("![pixel](https://tracker.example/p.gif)")).find((t) => t.name === "a")?.attributes.href).toBe(
      "https://tracker.example/p.gif",
    );
  });

  it("inside a link, another site's image is just its description (no link in a link)", () => {
    const html = renderMarkdown("[![logo](https://tracker.example/logo.png)](https://ok.example/docs)");
    expect(tagsOf(html).filter((t) => t.name === "a" && "href" in t.attributes)).toHaveLength(1);
    expect(tagsOf(html).some((t) => t.name === "img")).toBe(false);
    expect(html).toContain(">logo</a>");
  });

  it("keeps images the site serves itself, as paths", () => {
    setSettings({ PUBLIC_URL: "https://forum.example" });
    try {
      for (const source of ["![chart](/uploads/chart.png)", "![chart](https://forum.example/uploads/chart.png)"]) {
        const [img] = tagsOf(renderMarkdown(source)).filter((t) => t.name === "img");
        expect(img?.attributes.src, source).toBe("/uploads/chart.png");
        expect(img?.attributes.alt, source).toBe("chart");
      }
      expect(tagsOf(renderMarkdown("![x](https://forum.example.evil.test/a.png)")).some((t) => t.name === "img")).toBe(false);
    } finally {
      restoreSettings();
    }
  });

  it.each([
    ["a markdown link", "[docs](https://example.com/docs)"],
    ["an autolink", "<https://example.com/docs>"],
    ["a bare URL", "see https://example.com/docs"],
  ])("marks %s nofollow ugc noopener", (_name, source) => {
    const links = tagsOf(renderMarkdown(source)).filter((t) => t.name === "a" && "href" in t.attributes);
    expect(links).toHaveLength(1);
    expect(links[0]?.attributes.href).toBe("https://example.com/docs");
    expect(links[0]?.attributes.rel).toBe("nofollow ugc noopener");
  });

  it("keeps fenced code blocks with their language and escapes their content", () => {
    const html = renderMarkdown("```js\nif (a < b) alert('<b>');\n```");
    expect(html).toContain('<pre><code class="language-js">');
    expect(html).toContain("if (a &lt; b)");
    expect(html).not.toContain("<b>");
  });

  it("drops a code class that is not a plain language name", () => {
    const html = renderMarkdown('```js" onclick="x\ncode\n```');
    expect(html).toBe("<pre><code>code\n</code></pre>");
  });

  it("keeps ordinary formatting", () => {
    const html = renderMarkdown("**bold** _em_ ~~gone~~\n\n> quoted\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<li>one</li>");
  });

  it("demotes headings below the page's own h1 and h2", () => {
    expect(renderMarkdown("# Big")).toBe("<h3>Big</h3>");
    expect(renderMarkdown("###### Small")).toBe("<h6>Small</h6>");
  });

  it("renders task lists as disabled checkboxes", () => {
    const inputs = tagsOf(renderMarkdown("- [x] done\n- [ ] todo")).filter((t) => t.name === "input");
    expect(inputs).toHaveLength(2);
    for (const input of inputs) {
      expect(input.attributes.type).toBe("checkbox");
      expect(input.attributes).toHaveProperty("disabled");
    }
  });
});

describe("the plain text of rendered markdown", () => {
  it("keeps the words and the characters that were escaped in text, code and attributes", () => {
    const html = renderMarkdown('`a > b` and **c < d** & [the "link"](https://x.example "t > x")\n\nnext &amp; last');
    expect(plainText(html)).toBe('a > b and c < d & the "link" next & last');
  });

  it("separates blocks with a space and reads raw HTML as the text it was shown as", () => {
    expect(plainText(renderMarkdown("# Title\n\n- one\n- two\n\n<script>alert(1)</script>"))).toBe(
      "Title one two <script>alert(1)</script>",
    );
  });

  it("gives the same text whether or not it was asked before", () => {
    const html = renderMarkdown("Some *emphasis* here");
    expect(plainText(html)).toBe("Some emphasis here");
    expect(plainText(html)).toBe("Some emphasis here");
  });
});
