import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import ForgotPasswordPage from "@/app/(auth)/forgot-password/page";
import { NO_MAIL_MESSAGE } from "@/lib/use-cases/accounts/request-password-reset";
import { forgotPasswordAction } from "./password-reset";

/**
 * Issue 13, item 8: where no mail server is configured, "Forgot password" says plainly that an
 * adviser resets passwords on the Staff page, offers no form that would pretend to send, and the
 * action refuses a hand-made post the same way. (The e2e server always has SMTP, so this runs
 * here, against the real page component and action with SMTP_HOST unset.)
 */
describe("forgot password without a mail server", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.SMTP_HOST;
    delete process.env.SMTP_HOST;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SMTP_HOST;
    else process.env.SMTP_HOST = saved;
  });

  it("the page says who resets passwords and shows no email form", async () => {
    const html = renderToStaticMarkup(await ForgotPasswordPage());
    expect(html).toContain(NO_MAIL_MESSAGE.replace(/'/g, "&#x27;"));
    expect(html).toContain("on the Staff page");
    expect(html).not.toMatch(/<form/);
    expect(html).not.toMatch(/type="email"/);
  });

  it("with a mail server, the same page offers the email form instead", async () => {
    process.env.SMTP_HOST = "127.0.0.1";
    const html = renderToStaticMarkup(await ForgotPasswordPage());
    expect(html).not.toContain("on the Staff page");
    expect(html).toMatch(/<form/);
  });

  it("a direct post gets the same plain answer, and nothing is sent", async () => {
    const form = new FormData();
    form.set("email", "hana.park@school.test");
    const state = await forgotPasswordAction({ ok: false }, form);
    expect(state).toMatchObject({ ok: false, code: "UNAVAILABLE", message: NO_MAIL_MESSAGE });
  });
});
