import { assignmentRow, completeAssignment, expect, openAssignedDraft, openAssignForm, sendPitch, test, USERS, writeAndSubmit } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Planning end to end: a writer pitches, the editor turns the pitch into an assignment, the
 * writer finds it, writes and submits it, and the story budget and calendar show it.
 */
test("a pitch becomes an assignment, the writer files it, and the budget shows it", async ({ pageAs, uid }) => {
  test.setTimeout(120_000);
  const title = `Library hours cut (${uid})`;
  const headline = `Library to close at four (${uid})`;
  const sentence = "The library will close at four starting in January.";
  // Noon three days from now (UTC date): in the future in any publication time zone.
  const day = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
  const deadline = `${day}T12:00`;

  // The writer pitches.
  const writer = await pageAs("writer");
  await sendPitch(writer, {
    title,
    angle: "The library closes two hours earlier from January; students lose their study space.",
    section: "News",
    sources: "The librarian; the vice principal; students who study there",
  });
  const myPitch = writer.getByRole("article", { name: title });
  await expect(myPitch).toContainText("Open");
  await expect(myPitch.getByRole("button", { name: "Accept" })).toHaveCount(0); // writers do not decide

  // Another writer neither sees the pitch nor the budget.
  const writer2 = await pageAs("writer2");
  await writer2.goto("/newsroom/pitches");
  await expect(writer2.getByRole("heading", { level: 2, name: "Your pitches" })).toBeVisible();
  await expect(writer2.getByText(title)).toHaveCount(0);
  expect((await writer2.goto("/newsroom/budget"))?.status()).toBe(404);
  expect((await writer2.goto("/newsroom/calendar"))?.status()).toBe(404);

  // The editor turns it into an assignment; a first try without a writer or deadline keeps the input.
  const editor = await pageAs("editor");
  const assign = await openAssignForm(editor, title);
  await expect(assign.getByLabel("Section", { exact: true })).toHaveValue(/.+/);
  await assign.getByLabel("Headline", { exact: true }).fill(headline);
  await assign.getByLabel("Target length (words)", { exact: true }).fill("600");
  await assign.getByRole("button", { name: "Create assignment" }).click();
  await expect(assign.getByText("Name at least one writer.")).toBeVisible();
  await expect(assign.getByText("Enter the deadline's date and time.")).toBeVisible();
  await expect(assign.getByLabel("Deadline", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(assign.getByLabel("Headline", { exact: true })).toHaveValue(headline);
  await expect(assign.getByLabel("Target length (words)", { exact: true })).toHaveValue("600");

  await completeAssignment(editor, assign, { headline, writer: USERS.writer.name, deadline });
  await expect(editor.getByRole("article", { name: title })).toContainText("Assigned");
  // The story belongs to the writer; the editor who assigned it follows the draft on the budget.
  await editor.goto("/newsroom/budget?status=DRAFT");
  await expect(editor.getByRole("row").filter({ hasText: headline })).toContainText("Draft");

  // The writer finds the assignment, opens the draft, writes and submits it.
  const row = await assignmentRow(writer, headline);
  await expect(writer.getByRole("article", { name: title })).toContainText(`Assigned by ${USERS.editor.name}`);
  await expect(row).toContainText("Writer");
  await expect(row).toContainText("Draft");
  await expect(row).toContainText("of 600");
  const storyUrl = await openAssignedDraft(writer, headline);
  await writeAndSubmit(writer, { paragraphs: [sentence] });

  // The editor's budget shows it with the writer's name, target and live word count.
  await editor.goto("/newsroom/budget");
  await expect(editor.getByRole("heading", { level: 1, name: "Story budget" })).toBeVisible();
  const budgetRow = editor.getByRole("row").filter({ hasText: headline });
  await expect(budgetRow).toContainText(USERS.writer.name);
  await expect(budgetRow).toContainText("In review");
  await expect(budgetRow.getByRole("cell").nth(-2)).toHaveText("600");
  await expect(budgetRow.getByRole("cell").last()).toHaveText("9"); // words in `sentence`
  await budgetRow.getByRole("link", { name: headline, exact: true }).click();
  await expect(editor).toHaveURL(storyUrl);

  // Filters: by status; a status it is not in leaves it out.
  await editor.goto("/newsroom/budget?status=SUBMITTED&sort=deadline");
  await expect(editor.getByRole("row").filter({ hasText: headline })).toBeVisible();
  await editor.goto("/newsroom/budget?status=DRAFT");
  await expect(editor.getByRole("row").filter({ hasText: headline })).toHaveCount(0);

  // Printed, the budget is the table alone.
  await editor.goto("/newsroom/budget");
  await editor.emulateMedia({ media: "print" });
  await expect(editor.getByRole("navigation", { name: "Newsroom" })).toBeHidden();
  await expect(editor.getByRole("form", { name: "Filter the budget" })).toBeHidden();
  await expect(editor.getByRole("row").filter({ hasText: headline })).toBeVisible();
  await editor.emulateMedia({ media: "screen" });

  // The calendar shows the deadline on its day.
  await editor.goto(`/newsroom/calendar?month=${day.slice(0, 7)}`);
  const cell = editor.locator(`td[data-date="${day}"]`);
  await expect(cell.getByRole("link", { name: headline, exact: true })).toBeVisible();
  await expect(cell).toContainText("12:00 Due:");
});

test("rejecting a pitch needs a note, which the pitcher then reads", async ({ pageAs, uid }) => {
  const title = `Cafeteria menu survey (${uid})`;
  const note = `We ran a menu survey last month; pitch a follow-up on the new supplier instead (${uid}).`;
  const writer2 = await pageAs("writer2");
  await writer2.goto("/newsroom/pitches");
  const pitchForm = writer2.getByRole("form", { name: "Pitch a story" });
  await pitchForm.getByLabel("Working headline", { exact: true }).fill(title);
  await pitchForm.getByRole("button", { name: "Send pitch" }).click();
  // The angle is required; the headline typed so far stays.
  await expect(pitchForm.getByRole("alert")).toHaveText("Say what the story is and why it matters now.");
  await expect(pitchForm.getByLabel("Working headline", { exact: true })).toHaveValue(title);
  await pitchForm.getByLabel("Angle", { exact: true }).fill("Students rate the new menu.");
  await pitchForm.getByRole("button", { name: "Send pitch" }).click();
  await expect(pitchForm.getByRole("status")).toContainText("Pitch sent");

  const editor = await pageAs("editor");
  await editor.goto("/newsroom/pitches");
  const card = editor.getByRole("article", { name: title });
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card.getByRole("alert")).toHaveText("Tell the pitcher why: a note is required to reject a pitch.");
  await expect(card.getByLabel("Note to the pitcher")).toHaveAttribute("aria-invalid", "true");
  await card.getByLabel("Note to the pitcher").fill(note);
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card).toContainText("Rejected");

  await writer2.goto("/newsroom/pitches?status=REJECTED");
  const mine = writer2.getByRole("article", { name: title });
  await expect(mine).toContainText(`Rejected by ${USERS.editor.name}`);
  await expect(mine).toContainText(note);
});
