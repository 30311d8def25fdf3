import { describe, expect, it } from "vitest";
import { countWords, paragraphsToHtml, renderBodyFromHtml, renderBodyFromJson } from "./render";

/** Nothing executable or foreign may survive, whatever came in. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script|<iframe|<svg|<img|<object|<embed|<style|<math|<form|<input/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
  expect(html).not.toMatch(/\sstyle=|\sclass=|\sid=/i);
}

describe("renderBodyFromHtml: hostile input", () => {
  it("drops <script> and its contents", () => {
    const r = renderBodyFromHtml(`<p>Hello <script>alert(1)</script>world</p><script>document.cookie</script>`);
    expect(r.html).toBe("<p>Hello world</p>");
    expect(r.text).toBe("Hello world");
    expectInert(r.html);
  });

  it("drops on* handlers and javascript: links but keeps the text and safe links", () => {
    const r = renderBodyFromHtml(
      `<p onclick="steal()">Click <a href="javascript:alert(1)">me</a> or <a href="https://example.com/a?b=1" onmouseover="steal()">this</a></p>`,
    );
    expectInert(r.html);
    expect(r.text).toBe("Click me or this");
    expect(r.html).toContain(`href="https://example.com/a?b=1"`);
  });

  it.each([
    `<a href="JaVaScRiPt:alert(1)">x</a>`,
    `<a href=" javascript:alert(1)">x</a>`,
    `<a href="jav&#x09;ascript:alert(1)">x</a>`,
    `<a href="vbscript:msgbox(1)">x</a>`,
    `<a href="data:text/html,<script>alert(1)</script>">x</a>`,
  ])("neutralises the link %s", (link) => {
    const r = renderBodyFromHtml(`<p>${link}</p>`);
    expectInert(r.html);
    expect(r.text).toBe("x");
  });

  it("drops <img onerror>", () => {
    const r = renderBodyFromHtml(`<p>before<img src=x onerror="alert(1)">after</p><img src="https://example.com/a.png" onerror="alert(2)">`);
    expectInert(r.html);
    expect(r.html).toBe("<p>beforeafter</p>");
  });

  it.each([
    `<svg onload="alert(1)"><circle r="1"/></svg>`,
    `<svg><script>alert(1)</script></svg>`,
    `<svg><a xlink:href="javascript:alert(1)"><text>click</text></a></svg>`,
    `<svg><animate onbegin="alert(1)" attributeName="x"/></svg>`,
    `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  ])("drops the svg/math payload %s", (payload) => {
    const r = renderBodyFromHtml(`<p>before</p>${payload}`);
    expectInert(r.html);
    expect(r.html.startsWith("<p>before</p>")).toBe(true);
  });

  it("keeps the story around a harmless svg", () => {
    const r = renderBodyFromHtml(`<p>before</p><svg onload="alert(1)"><circle r="1"/></svg><p>after</p>`);
    expect(r.html).toBe("<p>before</p><p>after</p>");
  });

  // A payload may vanish; the writer's words after it may not.
  it.each([`<svg><script>alert(1)</script></svg>`, `<svg><style>circle{fill:red}</style><circle r="1"/></svg>`])(
    "keeps the paragraphs that follow %s",
    (payload) => {
      const r = renderBodyFromHtml(`<p>before</p>${payload}<p>after</p><p>and more</p>`);
      expectInert(r.html);
      expect(r.html).toBe("<p>before</p><p>after</p><p>and more</p>");
    },
  );

  it("drops <iframe>, <object>, <embed>, <style>, forms", () => {
    const r = renderBodyFromHtml(
      `<iframe src="https://evil.example"></iframe><p>ok</p><object data="x"></object><embed src="y"><style>p{color:red}</style><form><input value="v"></form>`,
    );
    expectInert(r.html);
    expect(r.html).toBe("<p>ok</p>");
  });

  it("drops style, class and id attributes", () => {
    expect(renderBodyFromHtml(`<p style="color:red" class="x" id="y">styled</p>`).html).toBe("<p>styled</p>");
  });
});

describe("renderBodyFromHtml: structure", () => {
  it("turns h1 into h2, keeps h2/h3, and makes deeper headings small subheadings (issue 13: h4–h6 became paragraphs)", () => {
    const r = renderBodyFromHtml(`<h1>Title</h1><h2>Sub</h2><h3>Subsub</h3><h4>Deeper</h4>`);
    expect(r.html).toBe("<h2>Title</h2><h2>Sub</h2><h3>Subsub</h3><h3>Deeper</h3>");
  });

  it("keeps lists, block quotes and line breaks", () => {
    const r = renderBodyFromHtml(`<p>One two three.</p><ul><li>Four</li></ul><ol><li>Five</li></ol><blockquote><p>Six seven</p></blockquote><p>a<br>b</p>`);
    expect(r.html).toBe("<p>One two three.</p><ul><li><p>Four</p></li></ul><ol><li><p>Five</p></li></ol><blockquote><p>Six seven</p></blockquote><p>a<br />b</p>");
    expect(r.text).toBe("One two three.\n\nFour\n\nFive\n\nSix seven\n\na\nb");
    expect(r.wordCount).toBe(9);
  });

  it("drops empty paragraphs, including ones holding only a <br> or &nbsp;", () => {
    const r = renderBodyFromHtml(`<p>a</p><p></p><p><br></p><p>&nbsp;</p><p>   </p><p>b</p>`);
    expect(r.html).toBe("<p>a</p><p>b</p>");
  });

  it("gives an empty document one empty paragraph", () => {
    for (const input of ["", "<p></p>", "<script>x</script>"]) {
      const r = renderBodyFromHtml(input);
      expect(r.html).toBe("<p></p>");
      expect(r.text).toBe("");
      expect(r.wordCount).toBe(0);
    }
  });

  it("keeps http(s) and mailto links, with rel set and no target", () => {
    const r = renderBodyFromHtml(
      `<p><a href="https://example.com/x" target="_blank" class="c">secure</a> <a href="http://example.org">plain</a> <a href="mailto:editor@example.com">mail</a></p>`,
    );
    expect(r.html).toContain(`<a rel="noopener noreferrer nofollow" href="https://example.com/x">secure</a>`);
    expect(r.html).toContain(`href="http://example.org"`);
    expect(r.html).toContain(`href="mailto:editor@example.com"`);
    expect(r.html).not.toContain("target=");
    expect(r.text).toBe("secure plain mail");
  });

  it("never keeps a protocol-relative link", () => {
    expect(renderBodyFromHtml(`<p><a href="//evil.example/x">x</a></p>`).html).not.toContain("evil.example");
  });
});

describe("renderBodyFromHtml: pasted from Google Docs", () => {
  const docs =
    `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c4d-7fff-e2f5-8a9b-0123456789ab">` +
    `<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">` +
    `<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;">The board voted </span>` +
    `<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;font-style:normal;">five to two</span>` +
    `<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;"> on </span>` +
    `<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;font-style:italic;">Tuesday</span>` +
    `<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">.</span></p>` +
    `<br>` +
    `<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-weight:400;">Second paragraph.</span></p>` +
    `<br /><br>` +
    `<p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;"></span></p>` +
    `</b><br class="Apple-interchange-newline">`;

  it("becomes clean paragraphs with strong and em", () => {
    const r = renderBodyFromHtml(docs);
    expect(r.html).toBe("<p>The board voted <strong>five to two</strong> on <em>Tuesday</em>.</p><p>Second paragraph.</p>");
    expect(r.text).toBe("The board voted five to two on Tuesday.\n\nSecond paragraph.");
    expect(r.wordCount).toBe(10);
    expectInert(r.html);
  });

  it("does not turn the whole paste bold because of the wrapping <b>", () => {
    expect(renderBodyFromHtml(docs).html.startsWith("<p>The board")).toBe(true);
  });
});

describe("renderBodyFromHtml: pasted from Word", () => {
  const word =
    `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head>` +
    `<style>p.MsoNormal{margin:0cm;font-size:12.0pt}</style></head><body lang=EN-US>` +
    `<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->` +
    `<div class=WordSection1>` +
    `<p class=MsoNormal style='margin:0cm'><span style='font-size:12.0pt;font-family:"Times New Roman",serif'>First <b>bold</b> and <i>italic</i> words.<o:p></o:p></span></p>` +
    `<p class=MsoNormal><o:p>&nbsp;</o:p></p>` +
    `<p class=MsoNormal><span lang=EN-US>Second line.<o:p></o:p></span></p>` +
    `</div></body></html>`;

  it("comes out clean", () => {
    const r = renderBodyFromHtml(word);
    expect(r.html).toBe("<p>First <strong>bold</strong> and <em>italic</em> words.</p><p>Second line.</p>");
    expect(r.text).toBe("First bold and italic words.\n\nSecond line.");
    expect(r.wordCount).toBe(7);
    expect(r.html).not.toMatch(/Mso|o:p|mso/);
  });
});

describe("renderBodyFromJson", () => {
  it("re-renders stored JSON to the same HTML", () => {
    const first = renderBodyFromHtml(`<h2>Sub</h2><p>Hello <strong>there</strong>.</p>`);
    const again = renderBodyFromJson(first.json);
    expect(again.html).toBe(first.html);
    expect(again.text).toBe(first.text);
  });
});

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   ", 0],
    ["one", 1],
    ["Don’t stop — it’s 3.5 km/h; e-mail me", 8],
    ["학교 신문 기사", 3],
  ])("%j has %i words", (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe("paragraphsToHtml", () => {
  it("splits on blank lines and escapes markup", () => {
    expect(paragraphsToHtml("One <b>\n\n\nTwo & three\n  \n")).toBe("<p>One &lt;b&gt;</p><p>Two &amp; three</p>");
  });
});
