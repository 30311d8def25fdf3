import { describe, expect, it } from "vitest";
import { currentText, hasPendingChanges, type LiveText, sameText, workingCopyColumns, workingCopyOf } from "./working-copy";

const live: LiveText = { headline: "Aleppo", dek: "A city", bodyJson: '{"type":"doc"}', bodyHtml: "<p>Old</p>", bodyText: "Old", wordCount: 1 };
const edited: LiveText = { ...live, bodyJson: '{"type":"doc","x":1}', bodyHtml: "<p>New text</p>", bodyText: "New text", wordCount: 2 };

describe("the working copy", () => {
  it("is absent until every column of it is there", () => {
    expect(workingCopyOf(workingCopyColumns(null))).toBeNull();
    expect(workingCopyOf({ ...workingCopyColumns(edited), draftBodyHtml: null })).toBeNull();
    expect(workingCopyOf(workingCopyColumns(edited))).toEqual(edited);
  });

  it("has pending changes only when it exists and differs from the live text", () => {
    expect(hasPendingChanges({ ...live, ...workingCopyColumns(null) })).toBe(false);
    expect(hasPendingChanges({ ...live, ...workingCopyColumns(live) })).toBe(false);
    expect(hasPendingChanges({ ...live, ...workingCopyColumns(edited) })).toBe(true);
    expect(hasPendingChanges({ ...live, ...workingCopyColumns({ ...live, headline: "Aleppo, rebuilt" }) })).toBe(true);
    expect(hasPendingChanges({ ...live, ...workingCopyColumns({ ...live, dek: "" }) })).toBe(true);
  });

  it("is what the editor shows; without one the editor shows the live text", () => {
    expect(currentText({ ...live, ...workingCopyColumns(edited) })).toEqual(edited);
    expect(currentText({ ...live, ...workingCopyColumns(null) })).toEqual(live);
  });

  it("compares what readers would see (headline, dek, rendered body)", () => {
    const anchored: LiveText = { ...live, bodyJson: '{"type":"doc","marks":["comment"]}', bodyHtml: "<p><span>Old</span></p>" };
    expect(sameText(live, { ...live, bodyHtml: '<p><span class="credit">Old</span></p>' })).toBe(false);
    expect(sameText(live, { ...live, bodyHtml: "<p><strong>Old</strong></p>" })).toBe(false);
    expect(sameText(live, anchored)).toBe(true);
    expect(hasPendingChanges({ ...live, ...workingCopyColumns(anchored) })).toBe(false);
    expect(sameText(live, edited)).toBe(false);
  });
});
