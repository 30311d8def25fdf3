import { describe, expect, it } from "vitest";
import { anonymizeDoc, anonymizeJson, anonymizeString, anonymizeText, slugNamesPerson } from "./anonymize";
import { slugify } from "./slug";

describe("anonymizeText", () => {
  it("replaces the full name and later surname-only references, whole words only", () => {
    const text = "Dareen Khalifa, a senior adviser, said so. Khalifa added more. Khalifas and AlKhalifa stay.";
    expect(anonymizeText(text, "Dareen Khalifa", "a former student")).toBe("a former student, a senior adviser, said so. a former student added more. Khalifas and AlKhalifa stay.");
  });
  it("is case-insensitive and tolerant of extra spaces in the text", () => {
    expect(anonymizeText("MINJI   KIM scored.", "Minji Kim", "[name removed]")).toBe("[name removed] scored.");
  });
  it("treats regex characters in names literally", () => {
    expect(anonymizeText("J.R. (Jr) spoke; JxR did not.", "J.R.", "X")).toBe("X (Jr) spoke; JxR did not.");
  });
});

describe("anonymizeDoc", () => {
  it("rewrites every text node and leaves structure and marks alone", () => {
    type N = { type: string; text?: string; marks?: { type: string }[]; content?: N[] };
    const doc: N = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Seo-yeon Lee said", marks: [{ type: "bold" }] }] },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Ask Lee." }] }] },
      ],
    };
    const out = anonymizeDoc(doc, "Seo-yeon Lee", "a student");
    expect(out.content![0]!.content![0]).toEqual({ type: "text", text: "a student said", marks: [{ type: "bold" }] });
    expect(out.content![1]!.content![0]!.content![0]!.text).toBe("Ask a student.");
    expect(doc.content![0]!.content![0]!.text).toBe("Seo-yeon Lee said");
  });
});

describe("slugNamesPerson", () => {
  it("finds the full name or the surname as whole slug words, whatever the case and accents", () => {
    expect(slugNamesPerson("captain-nadia-okafor-rebuilds-the-arm", "Nadia Okafor")).toBe(true);
    expect(slugNamesPerson("okafor-rebuilds-the-arm", "Nadia Okafor")).toBe(true);
    expect(slugNamesPerson("the-arm-rebuilt-by-okafor", "NADIA OKAFOR")).toBe(true);
    expect(slugNamesPerson(slugify("Zoë Müller wins the prize"), "Zoë Müller")).toBe(true);
    expect(slugNamesPerson("interview-with-seo-yeon-lee", "Seo-yeon Lee")).toBe(true);
  });

  it("ignores the name inside longer words, the first name alone, and names with no Latin letters", () => {
    expect(slugNamesPerson("okafors-robot-wins", "Nadia Okafor")).toBe(false);
    expect(slugNamesPerson("nadia-wins", "Nadia Okafor")).toBe(false);
    expect(slugNamesPerson("robotics-team-heads-to-the-finals", "Nadia Okafor")).toBe(false);
    expect(slugNamesPerson("story-1a2b3c4d", "김민지")).toBe(false);
  });

  it("finds a name cut off at the slug's length limit", () => {
    const slug = slugify("The robotics team, rebuilt twice in one week, heads to the finals led by Nadia Okafor");
    expect(slug.endsWith("-nadia-oka")).toBe(true);
    expect(slugNamesPerson(slug, "Nadia Okafor")).toBe(true);
    expect(slugNamesPerson("the-robotics-team-heads-to-the-finals-led-by-na", "Nadia Okafor")).toBe(false);
  });
});

describe("anonymizeString and anonymizeJson", () => {
  it("replace the name in prose and its slug form in addresses, without mangling either", () => {
    expect(anonymizeString("Nadia Okafor said so; Okafor agreed.", "Nadia Okafor", "a student")).toBe("a student said so; a student agreed.");
    expect(anonymizeString("robotics-captain-nadia-okafor-rebuilds-the-arm", "Nadia Okafor", "a student")).toBe("robotics-captain-a-student-rebuilds-the-arm");
    expect(anonymizeString("/2026/okafor-wins", "Nadia Okafor", "[name removed]")).toBe("/2026/name-removed-wins");
    expect(anonymizeString("Okaforth stays", "Nadia Okafor", "x")).toBe("Okaforth stays");
  });

  it("rewrite every string in a JSON value, at any depth, keys and other values kept", () => {
    const details = { requesterName: "Nadia Okafor", nested: [{ note: "Ask Okafor" }, 3, null], slug: { from: "nadia-okafor-wins", to: "a-student-wins" } };
    expect(anonymizeJson(details, "Nadia Okafor", "a student")).toEqual({ requesterName: "a student", nested: [{ note: "Ask a student" }, 3, null], slug: { from: "a-student-wins", to: "a-student-wins" } });
  });

  it("anonymizeDoc also rewrites what a figure shows: caption, credit and alt text", () => {
    const doc = { type: "doc", content: [{ type: "figure", attrs: { mediaId: "okafor1", src: "/media/ok/okafor12/800.jpg", caption: "Nadia Okafor at the lathe", credit: "Photo: Okafor family", alt: "Okafor smiling" } }] };
    expect(anonymizeDoc(doc, "Nadia Okafor", "a student").content[0]!.attrs).toEqual({ mediaId: "okafor1", src: "/media/ok/okafor12/800.jpg", caption: "a student at the lathe", credit: "Photo: a student family", alt: "a student smiling" });
  });
});
