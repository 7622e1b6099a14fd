/**
 * Cross-site scripting payloads in the style of the OWASP XSS Filter Evasion
 * Cheat Sheet, adapted to what Cocreate takes: raw HTML, Markdown (links,
 * images, autolinks, reference links, code), attribute and JSON/JSON-LD
 * breakouts, URL schemes and encodings, and unicode tricks.
 *
 * Every payload, if it ever ran, would do something the suite observes:
 * call alert/confirm/prompt (trapped by an init script) or set window.__xss.
 * Most are short on purpose, so they also fit the short fields (tag names
 * take 40 characters, display names 50, token names 60).
 */

export type Payload = { id: string; text: string };

const list: [string, string][] = [
  // <script> in many casings, spellings and encodings
  ["script", "<script>alert(1)</script>"],
  ["script-upper", "<SCRIPT>alert(1)</SCRIPT>"],
  ["script-mixed", "<ScRiPt>alert(1)</sCrIpT>"],
  ["script-flag", "<script>window.__xss=1</script>"],
  ["script-src-data", "<script src=data:,alert(1)></script>"],
  ["script-nested", "<scr<script>ipt>alert(1)</script>"],
  ["script-slash-attr", "<script/x>alert(1)</script>"],
  ["script-double-open", "<<script>alert(1);//<</script>"],
  ["script-charcode", "<script>alert(String.fromCharCode(88,83,83))</script>"],
  ["script-url-encoded", "%3Cscript%3Ealert(1)%3C/script%3E"],
  ["script-entity-encoded", "&lt;script&gt;alert(1)&lt;/script&gt;"],
  ["script-entity-decimal", "&#60;script&#62;alert(1)&#60;/script&#62;"],
  ["script-json-escaped", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"],
  ["script-type", '<script type="text/javascript">alert(1)</script>'],
  ["script-module", '<script type="module">alert(1)</script>'],
  ["script-no-close", "<script>alert(1)"],
  ["script-half-open", "<script src=//xss.example/x.js?"],
  ["script-newline", "<script\n>alert(1)</script\n>"],
  ["script-tab", "<script\t>alert(1)</script>"],
  ["script-fullwidth", "＜script＞alert(1)＜/script＞"],
  ["script-zero-width", "<scr\u200bipt>alert(1)</scr\u200bipt>"],

  // Breaking out of the element, attribute or string the text lands in
  ["close-script", "</script><script>alert(1)</script>"],
  ["close-script-dq", '"></script><script>alert(1)</script>'],
  ["close-style-script", "'\"--></style></script><script>alert(1)</script>"],
  ["close-textarea", "</textarea><script>alert(1)</script>"],
  ["close-title", "</title><script>alert(1)</script>"],
  ["close-noscript", "</noscript><script>alert(1)</script>"],
  ["attr-dq", '"><script>alert(1)</script>'],
  ["attr-sq", "'><script>alert(1)</script>"],
  ["attr-dq-handler", '" onmouseover="alert(1)" x="'],
  ["attr-sq-handler", "' onfocus='alert(1)' autofocus '"],
  ["attr-unquoted-handler", "x onmouseover=alert(1)"],
  ["js-string-sq", "'-alert(1)-'"],
  ["js-string-dq", '";alert(1);//'],
  ["js-string-escaped", '\\";alert(1);//'],
  ["js-template", "${alert(1)}"],
  ["js-template-backtick", "`;alert(1);`"],
  ["template-injection", "{{constructor.constructor('alert(1)')()}}"],
  ["json-ld-breakout", '{"a":"</script><script>alert(1)</script>"}'],
  ["json-close-object", '"}]}</script><script>alert(1)</script>'],
  ["json-line-separators", "\u2028alert(1)\u2029</script>"],
  ["html-comment", "<!--<script>alert(1)</script>-->"],
  ["html-comment-short", "<!--><script>alert(1)</script>"],
  ["html-comment-unclosed", "<!--<img src=x onerror=alert(1)>"],
  ["cdata-breakout", "]]><script>alert(1)</script>"],
  ["cdata", "<![CDATA[<script>alert(1)</script>]]>"],
  ["xml-entity", '<!DOCTYPE x [<!ENTITY x "alert(1)">]>&x;'],

  // <img> and event handlers
  ["img-onerror", "<img src=x onerror=alert(1)>"],
  ["img-onerror-upper", "<IMG SRC=x OnErRoR=alert(1)>"],
  ["img-onerror-quoted", '<img src="x" onerror="alert(1)">'],
  ["img-onerror-entity", "<img src=x onerror=&#97;lert(1)>"],
  ["img-onerror-unicode", "<img src=x onerror=\\u0061lert(1)>"],
  ["img-onerror-backtick", "<img src=x onerror=alert`1`>"],
  ["img-slashes", "<img/src=x/onerror=alert(1)>"],
  ["img-flag", "<img src=x onerror=window.__xss=1>"],
  ["img-eval-src", "<img src=x:alert(1) onerror=eval(src)>"],
  ["img-malformed-quotes", '<img """><script>alert(1)</script>">'],
  ["img-javascript-src", "<img src=javascript:alert(1)>"],
  ["img-dynsrc", '<img dynsrc="javascript:alert(1)">'],
  ["img-newline-scheme", '<img src="jav&#x0A;ascript:alert(1)">'],
  ["input-image", "<input type=image src=x onerror=alert(1)>"],

  // Event handlers on every common tag
  ["svg-onload", "<svg onload=alert(1)>"],
  ["svg-slash-onload", "<svg/onload=alert(1)>"],
  ["body-onload", "<body onload=alert(1)>"],
  ["body-onpageshow", "<body onpageshow=alert(1)>"],
  ["details-ontoggle", "<details open ontoggle=alert(1)>"],
  ["input-autofocus", "<input autofocus onfocus=alert(1)>"],
  ["select-autofocus", "<select autofocus onfocus=alert(1)>"],
  ["textarea-autofocus", "<textarea autofocus onfocus=alert(1)>"],
  ["button-autofocus", "<button autofocus onfocus=alert(1)>x"],
  ["video-source", "<video><source onerror=alert(1)>"],
  ["audio-onerror", "<audio src=x onerror=alert(1)>"],
  ["video-onerror", "<video src=x onerror=alert(1)>"],
  ["marquee-onstart", "<marquee onstart=alert(1)>x</marquee>"],
  ["div-onmouseover", "<div onmouseover=alert(1)>hover</div>"],
  ["a-onmouseover", "<a onmouseover=alert(1)>x</a>"],
  ["p-onclick", "<p onclick=alert(1)>x</p>"],
  ["a-hash-onclick", "<a href=# onclick=alert(1)>x</a>"],
  ["custom-element", "<x onclick=alert(1)>click"],
  ["contenteditable-onblur", "<b contenteditable onblur=alert(1)>x"],
  ["frameset-onload", "<frameset onload=alert(1)>"],
  ["table-background", '<table background="javascript:alert(1)">'],
  ["td-background", '<td background="javascript:alert(1)">'],

  // <iframe>, <object>, <embed> and friends
  ["iframe-javascript", '<iframe src="javascript:alert(1)">'],
  ["iframe-srcdoc", '<iframe srcdoc="<script>parent.alert(1)</script>">'],
  ["iframe-data", "<iframe src=data:text/html,<script>alert(1)</script>>"],
  ["object-javascript", '<object data="javascript:alert(1)">'],
  ["object-data-html", '<object data="data:text/html,<script>alert(1)</script>">'],
  ["embed-javascript", '<embed src="javascript:alert(1)">'],
  ["embed-base64", "<embed src=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>"],
  ["applet", '<applet code="javascript:alert(1)">'],

  // <svg> and <math> namespace tricks, mutation XSS
  ["svg-script", "<svg><script>alert(1)</script></svg>"],
  ["svg-animate", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"],
  ["svg-set", "<svg><set attributeName=onmouseover to=alert(1)>"],
  ["svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text y=9>x</text></a>'],
  ["svg-style-img", "<svg><style><img src=x onerror=alert(1)></style>"],
  ["math-href", '<math href="javascript:alert(1)">x</math>'],
  ["math-mglyph", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"],
  ["noscript-mxss", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],

  // CSS
  ["css-expression", '<div style="width:expression(alert(1))">x</div>'],
  ["css-url-javascript", '<div style="background:url(javascript:alert(1))">x</div>'],
  ["css-import", "<style>@import'javascript:alert(1)';</style>"],
  ["css-escaped-expression", '<div style="x:\\65xpression(alert(1))">x</div>'],
  ["link-stylesheet", "<link rel=stylesheet href=javascript:alert(1)>"],

  // <a href> with javascript: and data: in every spelling
  ["a-javascript", '<a href="javascript:alert(1)">x</a>'],
  ["a-javascript-mixed", '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ["a-entity-j", '<a href="&#106;avascript:alert(1)">x</a>'],
  ["a-hex-entity-j", '<a href="&#x6A;avascript:alert(1)">x</a>'],
  ["a-padded-entities", '<a href="&#0000106&#0000097vascript:alert(1)">x</a>'],
  ["a-entity-colon", '<a href="javascript&colon;alert(1)">x</a>'],
  ["a-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ["a-tab-literal", '<a href="jav\tascript:alert(1)">x</a>'],
  ["a-leading-space", '<a href=" javascript:alert(1)">x</a>'],
  ["a-control-prefix", '<a href="&#1;javascript:alert(1)">x</a>'],
  ["a-javascript-comment", '<a href="javascript://%0aalert(1)">x</a>'],
  ["a-data-html", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
  ["a-vbscript", '<a href="vbscript:msgbox(1)">x</a>'],
  ["a-formaction", "<form><button formaction=javascript:alert(1)>x</button></form>"],
  ["form-action", "<form action=javascript:alert(1)><input type=submit>"],
  ["base-href", '<base href="javascript:/a/-alert(1)///">'],
  ["meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["meta-refresh-data", '<meta http-equiv="refresh" content="0;url=data:text/html,<script>alert(1)</script>">'],

  // Markdown links, images, autolinks and reference links
  ["md-javascript", "[x](javascript:alert(1))"],
  ["md-javascript-mixed", "[x](JaVaScRiPt:alert(1))"],
  ["md-entity-colon", "[x](javascript&#58;alert(1))"],
  ["md-entity-j", "[x](&#106;avascript:alert(1))"],
  ["md-percent-newline", "[x](java%0ascript:alert(1))"],
  ["md-angle-brackets", "[x](<javascript:alert(1)>)"],
  ["md-tab", "[x](java\tscript:alert(1))"],
  ["md-zero-width", "[x](java\u200bscript:alert(1))"],
  ["md-data-html", "[x](data:text/html,<script>alert(1)</script>)"],
  ["md-data-base64", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["md-vbscript", "[x](vbscript:msgbox(1))"],
  ["md-title-breakout", '[x](https://x.test "a"onmouseover="alert(1)")'],
  ["md-url-quote", '[x](https://x.test/"onmouseover="alert(1))'],
  ["md-image-javascript", "![x](javascript:alert(1))"],
  ["md-image-onerror", '![x](x"onerror="alert(1))'],
  ["md-image-alt", '![x" onerror="alert(1)](https://x.test/a.png)'],
  ["md-autolink", "<javascript:alert(1)>"],
  ["md-autolink-upper", "<JAVASCRIPT:alert(1)>"],
  ["md-autolink-quote", '<https://x.test/"onmouseover="alert(1)>'],
  ["md-gfm-autolink", 'www.x.test/"onmouseover="alert(1)'],
  ["md-reference", "[x][1]\n\n[1]: javascript:alert(1)"],
  ["md-reference-title", '[x]\n\n[x]: javascript:alert(1) "t"'],
  ["md-link-img-text", "[<img src=x onerror=alert(1)>](https://x.test)"],
  ["md-code-span", "`<script>alert(1)</script>`"],
  ["md-fenced", "```html\n<script>alert(1)</script>\n```"],
  ["md-fence-lang", '```"><img src=x onerror=alert(1)>\nx\n```'],
  ["md-bold-img", "**<img src=x onerror=alert(1)>**"],
  ["md-task-list", "- [x] <img src=x onerror=alert(1)>"],
  ["md-heading", "# <svg onload=alert(1)>"],
  ["md-mention", "@admin<img src=x onerror=alert(1)>"],

  // Bare schemes and unicode
  ["bare-javascript", "javascript:alert(1)"],
  ["bare-data", "data:text/html,<script>alert(1)</script>"],
  ["rtl-override", "\u202e<img src=x onerror=alert(1)>"],
  ["zero-width-handler", "<img src=x o\u200bnerror=alert(1)>"],
];

export const payloads: Payload[] = list.map(([id, text]) => ({ id, text }));

/** A webhook URL must be one http(s) URL without whitespace: whitespace becomes "/", the separator OWASP uses in tags too. */
export function asUrlPath(text: string): string {
  return text.replace(/\s+/g, "/");
}
