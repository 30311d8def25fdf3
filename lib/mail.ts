import "server-only";
import nodemailer from "nodemailer";

/**
 * Outgoing email over SMTP (nodemailer), configured only by the environment:
 * SMTP_HOST, SMTP_PORT (587), SMTP_SECURE ("true" for implicit TLS), SMTP_USER, SMTP_PASS,
 * SMTP_FROM. Without SMTP_HOST no email is sent and the in-app bell is the only channel.
 */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_HOST);
}

export async function sendMail({ to, subject, text }: { to: string; subject: string; text: string }): Promise<void> {
  const transport = nodemailer.createTransport({
    host: process.env.SMTP_HOST,
    port: Number(process.env.SMTP_PORT ?? 587),
    secure: process.env.SMTP_SECURE === "true",
    auth: process.env.SMTP_USER ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS ?? "" } : undefined,
    // A local catcher or relay may have no certificate; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: process.env.SMTP_TLS_REJECT_UNAUTHORIZED !== "false" },
  });
  await transport.sendMail({ from: process.env.SMTP_FROM ?? "Masthead <newsroom@localhost>", to, subject, text });
}
