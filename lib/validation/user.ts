import { z } from "zod";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { ROLES } from "@/lib/auth/policy";

export const MIN_PASSWORD = 10;

export const ZEmail = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const ZNewPassword = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`)
  .max(200, "Use at most 200 characters.")
  .refine((p) => !isCommonPassword(p), "That password is on lists of common passwords. Choose another.");

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(200),
});

export const ZFullName = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters.");

const currentYear = new Date().getUTCFullYear();
// Every schema here accepts its own output too: an action parses a form, and the use case it
// calls parses again (null is an already-parsed empty year, a boolean an already-parsed flag).
export const ZGraduationYear = z
  .preprocess((v) => (v === null ? "" : v), z.union([z.literal(""), z.coerce.number().int("Enter a year, e.g. 2028.").min(currentYear - 10, "That year is too far back.").max(currentYear + 10, "That year is too far ahead.")]).optional())
  .transform((v) => (v === "" || v === undefined ? null : v));

export const ZSetup = z.object({
  publicationName: z.string().trim().min(1, "Name the publication.").max(120, "Keep the name under 120 characters."),
  timeZone: z.string().trim().min(1, "Choose a time zone.").refine(isTimeZone, "Choose a time zone from the list."),
  fullName: ZFullName,
  email: ZEmail,
  password: ZNewPassword,
});
export type TSetup = z.infer<typeof ZSetup>;

export const ZStaffCreate = z.object({
  fullName: ZFullName,
  email: ZEmail,
  role: z.enum(ROLES, { error: "Choose a role." }),
  password: ZNewPassword,
  graduationYear: ZGraduationYear,
});
export type TStaffCreate = z.infer<typeof ZStaffCreate>;

/** A form's "true"/"false" as a boolean (a boolean passes as it is). */
export const ZFormBoolean = z.preprocess((v) => (typeof v === "boolean" ? String(v) : v), z.enum(["true", "false"]).transform((v) => v === "true"));

export const ZStaffUpdate = z.object({
  userId: z.string().trim().min(1).max(64),
  role: z.enum(ROLES, { error: "Choose a role." }).optional(),
  active: ZFormBoolean.optional(),
});
export type TStaffUpdate = z.infer<typeof ZStaffUpdate>;

export const ZPasswordReset = z.object({ userId: z.string().min(1).max(64), password: ZNewPassword });
export type TPasswordReset = z.infer<typeof ZPasswordReset>;

export const ZPasswordChange = z.object({ current: z.string().min(1, "Enter your current password.").max(200), next: ZNewPassword });
export type TPasswordChange = z.infer<typeof ZPasswordChange>;

export const ZProfile = z
  .object({
    bio: z.string().trim().max(1000, "Keep the bio under 1,000 characters.").default(""),
    // "DEFAULT" (or null, once parsed): follow the publication's default.
    nameDisplay: z
      .enum(["DEFAULT", "FULL", "FIRST_LAST_INITIAL", "PEN_NAME"], { error: "Choose how your name appears." })
      .nullable()
      .transform((v) => (v === "DEFAULT" ? null : v)),
    penName: z
      .string()
      .trim()
      .max(60, "Keep the pen name under 60 characters.")
      .nullish()
      .transform((v) => v || null),
  })
  .refine((p) => p.nameDisplay !== "PEN_NAME" || p.penName !== null, { path: ["penName"], message: "Enter the pen name you want to use." });
export type TProfile = z.infer<typeof ZProfile>;

export const ZPenNameApproval = z.object({ personId: z.string().min(1).max(64), approved: ZFormBoolean });

export const ZTokenCreate = z.object({ name: z.string().trim().min(1, "Name the token (what will use it?).").max(60, "Keep the name under 60 characters.") });
export const ZTokenRevoke = z.object({ tokenId: z.string().min(1).max(64) });

export const ZSettings = z.object({
  name: z.string().trim().min(1, "Name the publication.").max(120, "Keep the name under 120 characters."),
  tagline: z.string().trim().max(200, "Keep the tagline under 200 characters.").default(""),
  timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list."),
  reviewPolicy: z.enum(["ADVISER_APPROVES", "STUDENT_EDITORS_PUBLISH"], { error: "Choose a review policy." }),
  nameDisplayDefault: z.enum(["FULL", "FIRST_LAST_INITIAL", "PEN_NAME"], { error: "Choose how names appear by default." }).default("FULL"),
});
export type TSettings = z.infer<typeof ZSettings>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/** "Forgot password": the address to send a reset link to. */
export const ZForgotPassword = z.object({ email: ZEmail });

/** A reset link's token (43 base64url characters) and the new password, typed twice. */
export const ZResetWithToken = z
  .object({
    token: z.string({ error: "This reset link is incomplete." }).regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is incomplete. Open it again from the email."),
    password: ZNewPassword,
    confirm: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ. Type the same one twice." });
