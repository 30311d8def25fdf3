import { expect, test } from "./fixtures";

// First-run setup cannot be exercised on the shared demo database (its users exist); what must
// hold here is that the page is gone for good once anyone has an account.
test("first-run setup is closed once accounts exist", async ({ page }) => {
  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Set up your newsroom" })).toHaveCount(0);

  // /login does not bounce to /setup either.
  await page.goto("/login");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});
