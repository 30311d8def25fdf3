// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { updatePublicationSettings } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { getPublication } from "@/lib/data/publication";

describe("updatePublicationSettings", () => {
  it("refuses a writer or a student editor who calls it directly (not only through the page)", async () => {
    const before = await db.publication.findUnique({ where: { id: 1 } });
    for (const role of ["WRITER", "EDITOR"] as const) {
      const user = await createTestUser({ role });
      await expect(
        updatePublicationSettings({ actor: actorFor(user), input: { name: "Taken over", tagline: "", timeZone: "UTC", reviewPolicy: "STUDENT_EDITORS_PUBLISH" } }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { action: "settings.update", actorId: user.userId } })).toBe(0);
    }
    expect(await db.publication.findUnique({ where: { id: 1 } })).toEqual(before);
  });

  it("saves an adviser's settings with an audit row of before and after", async () => {
    const adviser = await createTestUser({ role: "ADVISER" });
    // The same values back: other test files share this publication row.
    const current = await getPublication();
    const input = { name: current.name, tagline: current.tagline, timeZone: current.timeZone, reviewPolicy: current.reviewPolicy, nameDisplayDefault: current.nameDisplayDefault };
    expect(await updatePublicationSettings({ actor: actorFor(adviser), input })).toEqual(input);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "settings.update", actorId: adviser.userId } });
    expect(JSON.parse(audit.details)).toMatchObject({ after: input });
  });
});
