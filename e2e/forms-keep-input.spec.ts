import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { DEMO_PAST_VOLUME, expect, openAssignForm, publishStory, sendPitch, test, USERS } from "./fixtures";

/**
 * "Bad input gets a clear message next to the field, and what the user chose stays where it
 * was": one form of each kind is sent with one field wrong and a non-default choice in its
 * dropdowns (and radio buttons). After the refusal every choice is still shown and the error is
 * the wrong field's own description. Nothing here is saved, except where a test says so.
 */

/** The option a select shows. */
function shown(select: Locator): Locator {
  return select.locator("option:checked");
}

/** The error is on the field itself: marked invalid, and read out as its description. */
async function expectErrorAt(control: Locator, message: string) {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(control).toHaveAccessibleDescription(message);
}

/** Choose `label` in the select and check it took, so a later check means the form kept it. */
async function choose(select: Locator, label: string) {
  await select.selectOption({ label });
  await expect(shown(select)).toHaveText(label);
}

async function publishedStory(apiAs: (role: "writer" | "adviser") => Promise<APIRequestContext>, headline: string) {
  return publishStory(await apiAs("writer"), await apiAs("adviser"), { headline, section: "news", body: "<p>A story for the form tests.</p>" });
}

async function openStory(page: Page, id: string) {
  await page.goto(`/newsroom/articles/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test("pitch: the section stays chosen when the headline is missing", async ({ pageAs, uid }) => {
  const writer = await pageAs("writer");
  await writer.goto("/newsroom/pitches");
  const form = writer.getByRole("form", { name: "Pitch a story" });
  const angle = `The courts are resurfaced over the break (${uid}).`;
  await form.getByLabel("Angle", { exact: true }).fill(angle);
  await choose(form.getByLabel("Section", { exact: true }), "Sports");
  await form.getByRole("button", { name: "Send pitch" }).click();

  await expectErrorAt(form.getByLabel("Working headline", { exact: true }), "Write a working headline.");
  await expect(shown(form.getByLabel("Section", { exact: true }))).toHaveText("Sports");
  await expect(form.getByLabel("Angle", { exact: true })).toHaveValue(angle);
});

test("assignment: writers, photographer, section and issue stay chosen when the deadline is missing", async ({ pageAs, uid }) => {
  const title = `Tennis courts resurfaced (${uid})`;
  await sendPitch(await pageAs("writer"), { title, angle: "The courts reopen in spring.", section: "News" });
  const editor = await pageAs("editor");
  // An issue still being planned, to target.
  const issueTitle = `Spring sports ${uid}`;
  await editor.goto("/newsroom/issues");
  const newIssue = editor.getByRole("form", { name: "New issue" });
  await newIssue.getByLabel("Issue number", { exact: true }).fill(String(901 + Math.floor(Math.random() * 99)));
  await newIssue.getByLabel("Title", { exact: true }).fill(issueTitle);
  await newIssue.getByRole("button", { name: "Create issue" }).click();
  await expect(newIssue.getByRole("status")).toHaveText("Issue created.");
  const form = await openAssignForm(editor, title);
  await choose(form.getByLabel("Lead writer", { exact: true }), USERS.writer2.name);
  await choose(form.getByLabel("Second writer", { exact: true }), USERS.writer.name);
  await choose(form.getByLabel("Photographer", { exact: true }), USERS.editor.name);
  await choose(form.getByLabel("Section", { exact: true }), "Sports");
  const issue = form.getByLabel("Target issue", { exact: true });
  const issueLabel = (await issue.locator("option", { hasText: issueTitle }).textContent())!;
  await choose(issue, issueLabel);
  await form.getByRole("button", { name: "Create assignment" }).click();

  await expectErrorAt(form.getByLabel("Deadline", { exact: true }), "Enter the deadline's date and time.");
  await expect(shown(form.getByLabel("Lead writer", { exact: true }))).toHaveText(USERS.writer2.name);
  await expect(shown(form.getByLabel("Second writer", { exact: true }))).toHaveText(USERS.writer.name);
  await expect(shown(form.getByLabel("Third writer", { exact: true }))).toHaveText("Nobody");
  await expect(shown(form.getByLabel("Photographer", { exact: true }))).toHaveText(USERS.editor.name);
  await expect(shown(form.getByLabel("Section", { exact: true }))).toHaveText("Sports");
  await expect(shown(issue)).toHaveText(issueLabel);
});

test("correction: kind and position stay chosen when the text is missing", async ({ pageAs, apiAs, uid }) => {
  const story = await publishedStory(apiAs, `Bus timetable changes (${uid})`);
  const editor = await pageAs("editor");
  await openStory(editor, story.id);
  const form = editor.getByRole("form", { name: "Add a correction" });
  await choose(form.getByLabel("Kind", { exact: true }), "Editor’s note");
  await choose(form.getByLabel("Shown at", { exact: true }), "Top of the story");
  await form.getByRole("button", { name: "Add correction" }).click();

  await expectErrorAt(form.getByLabel("Correction text", { exact: true }), "Write the correction.");
  await expect(shown(form.getByLabel("Kind", { exact: true }))).toHaveText("Editor’s note");
  await expect(shown(form.getByLabel("Shown at", { exact: true }))).toHaveText("Top of the story");
});

test("takedown: the decision stays chosen when the reason is missing", async ({ pageAs, apiAs, uid }) => {
  const story = await publishedStory(apiAs, `Chess club wins the league (${uid})`);
  const editor = await pageAs("editor");
  await openStory(editor, story.id);
  const request = editor.getByRole("form", { name: "Record a takedown request" });
  await request.getByLabel("Who asked", { exact: true }).fill(`A parent (${uid})`);
  await request.getByRole("button", { name: "Record request" }).click();
  // The request form first: its reason is required too, and the name typed stays.
  await expectErrorAt(request.getByLabel("Their reason", { exact: true }), "What reason did they give?");
  await expect(request.getByLabel("Who asked", { exact: true })).toHaveValue(`A parent (${uid})`);
  await request.getByLabel("Their reason", { exact: true }).fill("Would rather the club photo came down.");
  await request.getByRole("button", { name: "Record request" }).click();
  await expect(request.getByRole("status")).toHaveText("Request recorded. An adviser decides it.");

  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  const decision = adviser.getByRole("form", { name: "Decide the request" });
  await choose(decision.getByLabel("Decision", { exact: true }), "Remove from search engines (noindex)");
  await decision.getByRole("button", { name: "Record decision" }).click();

  await expectErrorAt(decision.getByLabel("Reason for the decision", { exact: true }), "Record the reason for the decision.");
  await expect(shown(decision.getByLabel("Decision", { exact: true }))).toHaveText("Remove from search engines (noindex)");
});

test("staff: the role stays chosen when the email is wrong, and a role change shows the saved role", async ({ pageAs, uid }) => {
  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  const fullName = `Ines Forms ${uid}`;
  await form.getByLabel("Full name", { exact: true }).fill(fullName);
  await form.getByLabel("Email", { exact: true }).fill("not-an-email");
  await form.getByLabel("Temporary password", { exact: true }).fill("a long enough password");
  await choose(form.getByLabel("Role", { exact: true }), "Student editor");
  await form.getByRole("button", { name: "Add staff member" }).click();

  await expectErrorAt(form.getByLabel("Email", { exact: true }), "Enter a valid email address.");
  await expect(shown(form.getByLabel("Role", { exact: true }))).toHaveText("Student editor");
  await expect(form.getByLabel("Full name", { exact: true })).toHaveValue(fullName);

  // Corrected, the account is added (as a writer); changing its role then shows the new role.
  await choose(form.getByLabel("Role", { exact: true }), "Writer (student reporter)");
  await form.getByLabel("Email", { exact: true }).fill(`ines.${uid}@test.example`);
  await form.getByLabel("Temporary password", { exact: true }).fill("a long enough password");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toContainText(`Account created for ines.${uid}@test.example`);
  const role = adviser.getByLabel(`Role for ${fullName}`, { exact: true });
  await expect(shown(role)).toHaveText("Writer (student reporter)");
  await choose(role, "Student editor");
  const row = adviser.getByRole("row").filter({ has: role });
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved. The change applies to their very next request.");
  await expect(shown(role)).toHaveText("Student editor");
  await adviser.reload();
  await expect(shown(adviser.getByLabel(`Role for ${fullName}`, { exact: true }))).toHaveText("Student editor");
});

test("settings: time zone, name display and review policy stay chosen when the name is missing", async ({ pageAs }) => {
  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/settings");
  const name = adviser.getByLabel("Publication name", { exact: true });
  const savedName = await name.inputValue();
  const timeZone = adviser.getByLabel("Time zone", { exact: true });
  const savedZone = (await shown(timeZone).textContent())!;
  const otherZone = savedZone === "Europe/London" ? "Europe/Paris" : "Europe/London";
  await name.fill("");
  await choose(timeZone, otherZone);
  await choose(adviser.getByLabel("How student names appear by default", { exact: true }), "First name and last initial");
  const policy = adviser.getByRole("radio", { name: /Student editors publish/ });
  await expect(policy).not.toBeChecked();
  await policy.check();
  await adviser.getByRole("button", { name: "Save settings" }).click();

  await expectErrorAt(name, "Name the publication.");
  await expect(shown(timeZone)).toHaveText(otherZone);
  await expect(shown(adviser.getByLabel("How student names appear by default", { exact: true }))).toHaveText("First name and last initial");
  await expect(policy).toBeChecked();
  // Nothing was saved.
  await adviser.reload();
  await expect(adviser.getByLabel("Publication name", { exact: true })).toHaveValue(savedName);
  await expect(shown(adviser.getByLabel("Time zone", { exact: true }))).toHaveText(savedZone);
  await expect(adviser.getByRole("radio", { name: /Adviser approves/ })).toBeChecked();
});

test("account: the name display stays on “pen name” when the pen name is missing", async ({ pageAs }) => {
  const writer2 = await pageAs("writer2");
  await writer2.goto("/newsroom/account");
  const display = writer2.getByLabel("How your name appears in public", { exact: true });
  await choose(display, "Pen name (needs an adviser's approval)");
  await writer2.getByLabel("Pen name", { exact: true }).fill("");
  await writer2.getByRole("button", { name: "Save profile" }).click();

  await expectErrorAt(writer2.getByLabel("Pen name", { exact: true }), "Enter the pen name you want to use.");
  await expect(shown(display)).toHaveText("Pen name (needs an adviser's approval)");
});

test("issue: the volume stays chosen when the title is missing", async ({ pageAs }) => {
  const editor = await pageAs("editor");
  await editor.goto("/newsroom/issues");
  const form = editor.getByRole("form", { name: "New issue" });
  const volume = form.getByLabel("Volume", { exact: true });
  await expect(shown(volume)).not.toHaveText(DEMO_PAST_VOLUME.label);
  await choose(volume, DEMO_PAST_VOLUME.label);
  await form.getByLabel("Issue number", { exact: true }).fill("7");
  await form.getByRole("button", { name: "Create issue" }).click();

  await expectErrorAt(form.getByLabel("Title", { exact: true }), "Title the issue, e.g. “December”.");
  await expect(shown(volume)).toHaveText(DEMO_PAST_VOLUME.label);
  await expect(form.getByLabel("Issue number", { exact: true })).toHaveValue("7");
});

test("front page placement: the saved placement shows after placing and after taking it off", async ({ pageAs, apiAs, uid }) => {
  const story = await publishedStory(apiAs, `Debate team heads to nationals (${uid})`);
  const editor = await pageAs("editor");
  await openStory(editor, story.id);
  const form = editor.getByRole("form", { name: "Front page placement" });
  const place = form.getByLabel("Front page", { exact: true });
  await choose(place, "Feature 4");
  await form.getByRole("button", { name: "Place" }).click();
  await expect(form.getByRole("status")).toHaveText("Front page updated.");
  await expect(shown(place)).toHaveText("Feature 4");
  await editor.reload();
  await expect(shown(form.getByLabel("Front page", { exact: true }))).toHaveText("Feature 4");
  // Back to by date, so the demo front page is as it was.
  await choose(form.getByLabel("Front page", { exact: true }), "By date (not pinned)");
  await form.getByRole("button", { name: "Place" }).click();
  await expect(form.getByRole("status")).toHaveText("Front page updated.");
  await expect(shown(form.getByLabel("Front page", { exact: true }))).toHaveText("By date (not pinned)");
  await editor.reload();
  await expect(shown(form.getByLabel("Front page", { exact: true }))).toHaveText("By date (not pinned)");
});
