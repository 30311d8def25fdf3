// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, type TestUser, uniq, withEmptyDatabase } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "./db";
import { addMastheadEntry, copyCurrentStaffToVolume, createVolume, moveMastheadEntry, removeMastheadEntry, updateMastheadEntry } from "@/lib/testing/use-cases";
import { findPublicMasthead, findVolumeMastheadForEditor, listMastheadCandidates } from "./masthead";

let adviser: TestUser, editor: TestUser, writer: TestUser;
let asAdviser: Actor, asEditor: Actor, asWriter: Actor;

beforeAll(async () => {
  adviser = await createTestUser({ role: "ADVISER" });
  editor = await createTestUser({ role: "EDITOR" });
  writer = await createTestUser({ role: "WRITER" });
  [asAdviser, asEditor, asWriter] = [actorFor(adviser), actorFor(editor), actorFor(writer)];
});

/** A volume number nobody uses yet, within what the volume form accepts (1 to 100,000). */
async function unusedVolumeNumber(): Promise<number> {
  for (;;) {
    const number = 1000 + Math.floor(Math.random() * 99_000);
    if (!(await db.volume.findUnique({ where: { number }, select: { id: true } }))) return number;
  }
}

/** A volume for the school year starting in August of `startYear`, with a number no other test uses. */
async function volume(startYear: number) {
  const number = await unusedVolumeNumber();
  return createVolume({
    actor: asAdviser,
    input: { number, label: `Volume ${number} (${startYear}-${String(startYear + 1).slice(2)})`, startsOn: new Date(`${startYear}-08-01T00:00:00Z`), endsOn: new Date(`${startYear + 1}-07-31T00:00:00Z`) },
  });
}

async function expectCode(promise: Promise<unknown>, code: string, field?: string) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; fields?: Record<string, string> } | null;
  expect(error?.code).toBe(code);
  if (field) expect(error?.fields?.[field]).toBeTruthy();
}

describe("editing a volume's masthead", () => {
  it("adds people grouped by position, reorders, renames and removes them", async () => {
    const vol = await volume(2031);
    const [chief, reporterA, reporterB, faculty] = await Promise.all([
      createTestUser({ role: "EDITOR", fullName: `Chief ${uniq()}` }),
      createTestUser({ role: "WRITER", fullName: `Reporter A ${uniq()}` }),
      createTestUser({ role: "WRITER", fullName: `Reporter B ${uniq()}` }),
      createTestUser({ role: "ADVISER", fullName: `Faculty ${uniq()}` }),
    ]);
    await addMastheadEntry({ actor: asEditor, input: { volumeId: vol.id, personId: chief.personId, position: "Editor-in-Chief" } });
    await addMastheadEntry({ actor: asEditor, input: { volumeId: vol.id, personId: reporterA.personId, position: "Staff Writer" } });
    await addMastheadEntry({ actor: asAdviser, input: { volumeId: vol.id, personId: faculty.personId, position: "Faculty Adviser" } });
    // Same position in another spelling: joins the group, after its last member, in its spelling.
    const added = await addMastheadEntry({ actor: asAdviser, input: { volumeId: vol.id, personId: reporterB.personId, position: "staff writer" } });
    expect(added.position).toBe("Staff Writer");

    const list = async () => (await findVolumeMastheadForEditor({ actor: asEditor, number: vol.number })).entries.map((e) => [e.person.fullName, e.position, e.rank]);
    expect(await list()).toEqual([
      [chief.fullName, "Editor-in-Chief", 0],
      [reporterA.fullName, "Staff Writer", 1],
      [reporterB.fullName, "Staff Writer", 2],
      [faculty.fullName, "Faculty Adviser", 3],
    ]);

    // Nobody is listed twice; the refusal names the field.
    await expectCode(addMastheadEntry({ actor: asAdviser, input: { volumeId: vol.id, personId: chief.personId, position: "Photographer" } }), "VALIDATION", "personId");
    await expectCode(addMastheadEntry({ actor: asAdviser, input: { volumeId: vol.id, personId: "nosuchperson", position: "Photographer" } }), "VALIDATION", "personId");

    const entries = (await findVolumeMastheadForEditor({ actor: asEditor, number: vol.number })).entries;
    const idOf = (user: TestUser) => entries.find((e) => e.person.id === user.personId)!.id;
    await moveMastheadEntry({ actor: asEditor, input: { entryId: idOf(reporterB), direction: "up" } });
    await moveMastheadEntry({ actor: asEditor, input: { entryId: idOf(chief), direction: "up" } }); // already first: no change
    await updateMastheadEntry({ actor: asEditor, input: { entryId: idOf(reporterA), position: "News Editor" } });
    await removeMastheadEntry({ actor: asEditor, input: { entryId: idOf(faculty) } });
    expect(await list()).toEqual([
      [chief.fullName, "Editor-in-Chief", 0],
      [reporterB.fullName, "Staff Writer", 1],
      [reporterA.fullName, "News Editor", 2],
    ]);
    // Removal touches only the entry: the person and their account stay.
    expect(await db.person.count({ where: { id: faculty.personId } })).toBe(1);

    const audit = await db.auditLog.findMany({ where: { subject: vol.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["masthead.add", "masthead.add", "masthead.add", "masthead.add", "masthead.move", "masthead.move", "masthead.remove", "masthead.update", "volume.create"]);
  });

  it("is for editors and advisers only: a writer gets 404 and changes nothing", async () => {
    const vol = await volume(2032);
    await expectCode(addMastheadEntry({ actor: asWriter, input: { volumeId: vol.id, personId: writer.personId, position: "Staff Writer" } }), "NOT_FOUND");
    await expectCode(copyCurrentStaffToVolume({ actor: asWriter, input: { volumeId: vol.id } }), "NOT_FOUND");
    await expectCode(findVolumeMastheadForEditor({ actor: asWriter, number: vol.number }), "NOT_FOUND");
    await expectCode(listMastheadCandidates({ actor: asWriter }), "NOT_FOUND");
    const entry = await addMastheadEntry({ actor: asAdviser, input: { volumeId: vol.id, personId: writer.personId, position: "Staff Writer" } });
    await expectCode(removeMastheadEntry({ actor: asWriter, input: { entryId: entry.id } }), "NOT_FOUND");
    await expectCode(updateMastheadEntry({ actor: asWriter, input: { entryId: entry.id, position: "Editor-in-Chief" } }), "NOT_FOUND");
    await expectCode(moveMastheadEntry({ actor: asWriter, input: { entryId: entry.id, direction: "down" } }), "NOT_FOUND");
    expect(await db.mastheadEntry.findMany({ where: { volumeId: vol.id }, select: { position: true } })).toEqual([{ position: "Staff Writer" }]);
  });

  it("copies today's active staff into a new volume by role, once", async () => {
    const vol = await volume(2033);
    const gone = await createTestUser({ role: "WRITER", active: false });
    const first = await copyCurrentStaffToVolume({ actor: asEditor, input: { volumeId: vol.id } });
    expect(first.added).toBe(await db.user.count({ where: { active: true } }));
    const { entries } = await findVolumeMastheadForEditor({ actor: asEditor, number: vol.number });
    const positionOf = (user: TestUser) => entries.find((e) => e.person.id === user.personId)?.position;
    expect(positionOf(writer)).toBe("Staff Writer");
    expect(positionOf(editor)).toBe("Editor");
    expect(positionOf(adviser)).toBe("Faculty Adviser");
    expect(positionOf(gone)).toBeUndefined();
    // Editors first, then writers, then advisers.
    const order = entries.map((e) => e.position);
    expect(order.indexOf("Editor")).toBeLessThan(order.indexOf("Staff Writer"));
    expect(order.lastIndexOf("Staff Writer")).toBeLessThan(order.indexOf("Faculty Adviser"));
    expect((await copyCurrentStaffToVolume({ actor: asEditor, input: { volumeId: vol.id } })).added).toBe(0);
    expect(await db.mastheadEntry.count({ where: { volumeId: vol.id } })).toBe(entries.length);
  });
});

describe("the public masthead", () => {
  it("shows a volume as it was: grades of its school year, display names, graduates whose accounts are gone", async () => {
    const old = await volume(2040); // 2040-41
    const later = await volume(2041); // 2041-42
    // Graduates in 2041: Grade 12 in 2040-41.
    const senior = await createTestUser({ role: "EDITOR", fullName: `Yuna Choi ${uniq()}`, graduationYear: 2041 });
    const junior = await createTestUser({ role: "WRITER", fullName: `Jordan Lee ${uniq()}`, graduationYear: 2042 });
    await db.person.update({ where: { id: junior.personId }, data: { nameDisplay: "FIRST_LAST_INITIAL" } });
    const faculty = await createTestUser({ role: "ADVISER", fullName: `Hana Park ${uniq()}` });
    await db.person.update({ where: { id: faculty.personId }, data: { title: "Faculty adviser" } });
    await addMastheadEntry({ actor: asAdviser, input: { volumeId: old.id, personId: senior.personId, position: "Editor-in-Chief" } });
    await addMastheadEntry({ actor: asAdviser, input: { volumeId: old.id, personId: junior.personId, position: "Staff Writer" } });
    await addMastheadEntry({ actor: asAdviser, input: { volumeId: old.id, personId: faculty.personId, position: "Faculty Adviser" } });
    await addMastheadEntry({ actor: asAdviser, input: { volumeId: later.id, personId: junior.personId, position: "Editor-in-Chief" } });

    // The senior graduates: the account is deactivated.
    await db.user.update({ where: { id: senior.userId }, data: { active: false } });

    const page = await findPublicMasthead({ number: old.number, now: new Date("2041-12-01T00:00:00Z") });
    expect(page?.fallback).toBe(false);
    expect(page?.isCurrent).toBe(false);
    expect(page?.upcoming).toBe(false);
    expect(page?.volume?.number).toBe(old.number);
    expect(page?.groups).toEqual([
      { position: "Editor-in-Chief", people: [expect.objectContaining({ name: senior.fullName, detail: "Grade 12", href: null })] },
      { position: "Staff Writer", people: [expect.objectContaining({ name: `${junior.fullName.split(" ").slice(0, -1).join(" ")} ${junior.fullName.split(" ").at(-1)!.charAt(0)}.`, detail: "Grade 11" })] },
      { position: "Faculty Adviser", people: [expect.objectContaining({ name: faculty.fullName, detail: "Faculty adviser", href: expect.stringMatching(/^\/authors\//) })] },
    ]);
    // No email anywhere, and the full name the junior chose to hide is not there either.
    const json = JSON.stringify(page);
    expect(json).not.toContain("@");
    expect(json).not.toContain(junior.fullName);
    // The later volume is current on 1 Dec 2041, and linked as /staff; there, the junior is Grade 12.
    expect(page?.otherVolumes).toContainEqual({ number: later.number, label: later.label, href: "/staff", current: true });
    const current = await findPublicMasthead({ now: new Date("2041-12-01T00:00:00Z") });
    expect(current?.volume?.number).toBe(later.number);
    expect(current?.isCurrent).toBe(true);
    // Seen from before both years, the later volume is one planned ahead.
    expect((await findPublicMasthead({ number: later.number, now: new Date("2040-09-01T00:00:00Z") }))?.upcoming).toBe(true);
    expect(current?.groups[0]?.people[0]?.detail).toBe("Grade 12");
    expect(current?.otherVolumes).toContainEqual({ number: old.number, label: old.label, href: `/staff/volumes/${old.number}`, current: false });
  });

  it("falls back to today's staff for a volume with no masthead, and is null for no such volume", async () => {
    const empty = await volume(2050);
    const page = await findPublicMasthead({ number: empty.number, now: new Date("2020-01-01T00:00:00Z") });
    expect(page?.fallback).toBe(true);
    const everyone = page!.groups.flatMap((g) => g.people.map((p) => p.name));
    expect(everyone).toContain(writer.fullName);
    expect(page!.groups.map((g) => g.position)).toContain("Reporters");
    expect(await findPublicMasthead({ number: 99_999_999 })).toBeNull();
  });
});

describe("the demo newsroom's mastheads", () => {
  it("seeds Volume 14 as the current school year and Volume 13 before it (with a graduate whose login is deactivated), and a second load adds nothing", async () => {
    await withEmptyDatabase(async ({ db: empty }) => {
      const { seedDemo } = await import("@/prisma/seed");
      const quiet = () => {};
      // Loaded in March 2031: the 2030-31 school year (August start).
      const loadedOn = new Date("2031-03-01T00:00:00Z");
      await seedDemo({ log: quiet, now: loadedOn });
      const count = async () => ({
        entries: await empty.mastheadEntry.count(),
        volumes: await empty.volume.count(),
        people: await empty.person.count(),
        users: await empty.user.count(),
        issues: await empty.issue.count(),
        articles: await empty.article.count(),
        transitions: await empty.transition.count(),
        revisions: await empty.revision.count(),
        audit: await empty.auditLog.count(),
        media: await empty.media.count(),
      });
      const volumes = () => empty.volume.findMany({ orderBy: { number: "asc" }, select: { number: true, label: true, startsOn: true, endsOn: true } });
      const once = await count();
      const seeded = await volumes();
      // A second load, even in a later school year, adds nothing and rewrites no volume.
      await seedDemo({ log: quiet, now: new Date("2032-09-15T00:00:00Z") });
      expect(await count()).toEqual(once);
      expect(await volumes()).toEqual(seeded);
      expect(seeded.filter((v) => v.number >= 13)).toEqual([
        { number: 13, label: "Volume 13 (2029-30)", startsOn: new Date("2029-08-01T00:00:00Z"), endsOn: new Date("2030-07-31T00:00:00Z") },
        { number: 14, label: "Volume 14 (2030-31)", startsOn: new Date("2030-08-01T00:00:00Z"), endsOn: new Date("2031-07-31T00:00:00Z") },
      ]);
      // The dated demo issue (December 2024) sits in the volume of its own school year.
      const issue = await empty.issue.findFirstOrThrow({ where: { title: "December 2024" }, select: { slug: true, volume: { select: { label: true } } } });
      expect(issue).toEqual({ slug: "volume-8-issue-3", volume: { label: "Volume 8 (2024-25)" } });

      const { findPublicMasthead: find } = await import("./masthead");
      const today = await find({ now: loadedOn });
      expect(today?.volume).toEqual({ number: 14, label: "Volume 14 (2030-31)" });
      expect(today?.groups.map((g) => g.position)).toEqual(["Editor-in-Chief", "Staff Writer", "Faculty Adviser"]);
      expect(today?.groups.flatMap((g) => g.people.map((p) => p.name))).not.toContain("Yuna Choi");
      // The staff page gives the students the grades their bylines give them.
      const staffWriters = today?.groups.find((g) => g.position === "Staff Writer")?.people;
      expect(staffWriters?.find((p) => p.name === "Jaehoon Song")?.detail).toBe("Grade 11");
      expect(today?.groups[0]?.people).toEqual([expect.objectContaining({ name: "Minji Kim", detail: "Grade 12" })]);
      const old = await find({ number: 13, now: loadedOn });
      expect(old?.groups[0]).toEqual({ position: "Editor-in-Chief", people: [{ key: expect.any(String), name: "Yuna Choi", detail: "Grade 12", href: null }] });
      expect(old?.groups.find((g) => g.position === "Staff Writer")?.people).toEqual([expect.objectContaining({ name: "Minji Kim", detail: "Grade 11" })]);
      expect(await empty.person.findUnique({ where: { slug: "yuna-choi" }, select: { graduationYear: true } })).toEqual({ graduationYear: 2030 });
      expect(await empty.user.findUnique({ where: { email: "yuna.choi@demo.test" }, select: { active: true } })).toEqual({ active: false });
      // Made through the use cases, as its people: dated as the story says, with its audit trail, and no notices (the demo's past is nobody's news).
      expect(await empty.article.findUnique({ where: { slug: "syrian-insurgents-enter-aleppo" }, select: { status: true, publishedAt: true, leadImageId: true } })).toEqual({
        status: "PUBLISHED",
        publishedAt: new Date("2024-11-30T10:00:00+09:00"),
        leadImageId: "aleppomap0demo",
      });
      expect(await empty.auditLog.count({ where: { action: "article.publish" } })).toBeGreaterThan(0);
      expect(await empty.notification.count()).toBe(0);
      expect(today?.otherVolumes).toEqual([{ number: 13, label: "Volume 13 (2029-30)", href: "/staff/volumes/13", current: false }]);
    });
  }, 60_000);
});
