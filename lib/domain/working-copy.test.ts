import { describe, expect, it } from "vitest";
import { currentBeside, currentLeadImage, currentText, hasPendingChanges, type LiveText, nextLeadImageCaption, restoredLeadImageCaption, sameBeside, sameText, workingCopyColumns, workingCopyOf } from "./working-copy";

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

describe("what a working copy shows beside its text", () => {
  const none = { sectionId: null, leadImageId: null, leadImageCaption: null, tags: [], authors: [{ person: { id: "p1" } }] };
  const liveRow = { ...live, ...workingCopyColumns(null), ...none, draftSectionId: null, draftLeadImageId: null, draftLeadImageCaption: null, draftTags: [], draftAuthors: [{ person: { id: "p1" } }] };

  it("is a pending change on its own: section, lead image, tags or bylines", () => {
    const copy = { ...liveRow, ...workingCopyColumns(live) };
    expect(hasPendingChanges(copy)).toBe(false);
    expect(hasPendingChanges({ ...copy, draftSectionId: "s2" })).toBe(true);
    expect(hasPendingChanges({ ...copy, draftLeadImageId: "m1" })).toBe(true);
    expect(hasPendingChanges({ ...copy, draftTags: [{ tag: { slug: "aleppo" } }] })).toBe(true);
    expect(hasPendingChanges({ ...copy, draftAuthors: [{ person: { id: "p1" } }, { person: { id: "p2" } }] })).toBe(true);
    // Without a working copy the draft columns mean nothing.
    expect(hasPendingChanges({ ...liveRow, draftSectionId: "s2" })).toBe(false);
  });

  it("counts the story's own lead-image caption as a pending change on its own", () => {
    const photo = { ...liveRow, leadImageId: "m1", draftLeadImageId: "m1", ...workingCopyColumns(live) };
    expect(hasPendingChanges(photo)).toBe(false);
    expect(hasPendingChanges({ ...photo, draftLeadImageCaption: "Grade 11 reporter Hana Park at the gate" })).toBe(true);
    // The live story's own caption, dropped in the working copy (back to the library's), is a change too.
    expect(hasPendingChanges({ ...photo, leadImageCaption: "At the gate" })).toBe(true);
    expect(hasPendingChanges({ ...photo, leadImageCaption: "At the gate", draftLeadImageCaption: "At the gate" })).toBe(false);
    expect(currentBeside({ ...photo, draftLeadImageCaption: "New" }).leadImageCaption).toBe("New");
    expect(currentBeside({ ...photo, ...workingCopyColumns(null), leadImageCaption: "Live", draftLeadImageCaption: "New" }).leadImageCaption).toBe("Live");
  });

  it("keeps the story's own caption with its photo only", () => {
    const now = { leadImageId: "m1", leadImageCaption: "At the gate" };
    expect(nextLeadImageCaption(now, "m1", undefined)).toBe("At the gate");
    expect(nextLeadImageCaption(now, "m1", "At the east gate")).toBe("At the east gate");
    expect(nextLeadImageCaption(now, "m1", "")).toBeNull();
    expect(nextLeadImageCaption(now, "m1", null)).toBeNull();
    // Another photo, or none, does not inherit a caption written for this one.
    expect(nextLeadImageCaption(now, "m2", undefined)).toBeNull();
    expect(nextLeadImageCaption(now, "m2", "The new photo")).toBe("The new photo");
    expect(nextLeadImageCaption(now, null, "Orphan")).toBeNull();
  });

  it("gives the working copy's lead image and caption while there is one, else the live ones", () => {
    const row = { leadImageId: "m1", leadImageCaption: "Live caption", draftLeadImageId: "m2", draftLeadImageCaption: "Working caption" };
    expect(currentLeadImage({ ...row, ...workingCopyColumns(null) })).toEqual({ leadImageId: "m1", leadImageCaption: "Live caption" });
    expect(currentLeadImage({ ...row, ...workingCopyColumns(edited) })).toEqual({ leadImageId: "m2", leadImageCaption: "Working caption" });
  });

  it("restores a revision's caption only onto the photo it was written for", () => {
    const story = { leadImageId: "m1", leadImageCaption: "Now" };
    expect(restoredLeadImageCaption({ leadImageId: "m1", leadImageCaption: "Then" }, story)).toBe("Then");
    // null with the same photo: the revision had no caption of its own, and the story gets none.
    expect(restoredLeadImageCaption({ leadImageId: "m1", leadImageCaption: null }, story)).toBeNull();
    // Another photo now, or none: the story keeps what it has.
    expect(restoredLeadImageCaption({ leadImageId: "m2", leadImageCaption: "Then" }, story)).toBeUndefined();
    expect(restoredLeadImageCaption({ leadImageId: "m1", leadImageCaption: "Then" }, { leadImageId: null, leadImageCaption: null })).toBeUndefined();
    // A revision from before captions were recorded names no photo: the caption stays as it is.
    expect(restoredLeadImageCaption({ leadImageId: null, leadImageCaption: null }, story)).toBeUndefined();
  });

  it("compares tags as a set and bylines in order", () => {
    const a = { sectionId: null, leadImageId: null, leadImageCaption: null, tagSlugs: ["a", "b"], authorIds: ["p1", "p2"] };
    expect(sameBeside(a, { ...a, tagSlugs: ["b", "a"] })).toBe(true);
    expect(sameBeside(a, { ...a, authorIds: ["p2", "p1"] })).toBe(false);
    expect(currentBeside({ ...liveRow, ...workingCopyColumns(null), draftSectionId: "s2" }).sectionId).toBeNull();
  });
});
