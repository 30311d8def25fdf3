import type { JSONContent } from "@tiptap/core";
import { generateHTML, generateJSON } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";
import { storyExtensions } from "./extensions";
import { Figure } from "./figure";

const extensions = [...storyExtensions, Figure];
const SRC = "/media/ab/ab12cd34ef56ab12cd34ef56/1600.jpg";

describe("Figure", () => {
  it("round-trips a library image with its caption and credit", () => {
    const html = `<p>Before.</p><figure data-media-id="ab12cd34ef56ab12cd34ef56"><img src="${SRC}" alt="Students at the rally" width="1600" height="1200"><figcaption>The rally on Friday. <span class="credit">Jaehoon Song</span></figcaption></figure>`;
    const json = generateJSON(html, extensions) as JSONContent;
    expect(json.content?.[1]).toEqual({
      type: "figure",
      attrs: { mediaId: "ab12cd34ef56ab12cd34ef56", src: SRC, alt: "Students at the rally", caption: "The rally on Friday.", credit: "Jaehoon Song", width: 1600, height: 1200 },
    });
    expect(generateHTML(json, extensions)).toBe(
      `<p>Before.</p><figure data-media-id="ab12cd34ef56ab12cd34ef56"><img src="${SRC}" alt="Students at the rally" width="1600" height="1200" loading="lazy"><figcaption>The rally on Friday. <span class="credit">Jaehoon Song</span></figcaption></figure>`,
    );
  });

  it("leaves out an empty figcaption and keeps an empty alt attribute", () => {
    const json: JSONContent = { type: "doc", content: [{ type: "figure", attrs: { mediaId: "ab12cd34ef56", src: SRC } }] };
    expect(generateHTML(json, extensions)).toBe(`<figure data-media-id="ab12cd34ef56"><img src="${SRC}" alt="" loading="lazy"></figure>`);
  });

  it("drops figures that point outside /media/ or carry a bad id, and escapes text", () => {
    for (const html of [
      `<figure data-media-id="ab12cd34ef56"><img src="https://tracker.example/pixel.gif"></figure>`,
      `<figure data-media-id="ab12cd34ef56"><img src="javascript:alert(1)"></figure>`,
      `<figure data-media-id="ab12cd34ef56"><img src="/media/../secret"></figure>`,
      `<figure data-media-id="x&quot;onload"><img src="${SRC}"></figure>`,
    ]) {
      const json = generateJSON(html, extensions) as JSONContent;
      expect(JSON.stringify(json), html).not.toContain('"figure"');
    }
    // Text stays text: a quote cannot break out of the alt attribute, markup in a caption is escaped.
    const json = generateJSON(`<figure data-media-id="ab12cd34ef56"><img src="${SRC}" alt='" onerror="alert(1)'><figcaption>&lt;b&gt;</figcaption></figure>`, extensions) as JSONContent;
    const out = generateHTML(json, extensions);
    expect(out).toContain(`alt="&quot; onerror=&quot;alert(1)"`);
    expect(out).toContain(`<figcaption>&lt;b&gt;</figcaption>`);
  });
});
