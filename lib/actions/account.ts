"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/data/tokens";
import { changeOwnPassword, resetPassword, setPenNameApproval, updateOwnProfile } from "@/lib/data/users";
import { ZNewPassword } from "@/lib/validation/user";
import { revalidateReaderSite } from "./revalidate";
import { authedAction, formToObject, formValues } from "./safe-action";
import type { FormState } from "./staff";

const ZProfile = z.object({
  bio: z.string().trim().max(1000, "Keep the bio under 1,000 characters.").default(""),
  nameDisplay: z
    .enum(["DEFAULT", "FULL", "FIRST_LAST_INITIAL", "PEN_NAME"], { error: "Choose how your name appears." })
    .transform((v) => (v === "DEFAULT" ? null : v)),
  penName: z
    .string()
    .trim()
    .max(60, "Keep the pen name under 60 characters.")
    .default("")
    .transform((v) => v || null),
}).refine((p) => p.nameDisplay !== "PEN_NAME" || p.penName !== null, { path: ["penName"], message: "Enter the pen name you want to use." });


export async function updateProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZProfile, formToObject(form), async (input, user) => updateOwnProfile({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  revalidatePath("/newsroom/account");
  revalidateReaderSite(); // bylines, author and staff pages show the bio and the chosen name
  return { ok: true, message: "Profile saved. A new pen name appears once an adviser approves it." };
}

const ZPasswordChange = z.object({ current: z.string().min(1, "Enter your current password.").max(200), next: ZNewPassword });

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZPasswordChange, formToObject(form), async ({ current, next }, user) => changeOwnPassword({ actor: user, current, next }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  return { ok: true, message: "Password changed. Sign in again with the new one." };
}

export type TokenState = FormState & { token?: string };

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  const ZName = z.object({ name: z.string().trim().min(1, "Name the token (what will use it?).").max(60, "Keep the name under 60 characters.") });
  const result = await authedAction(ZName, formToObject(form), async ({ name }, user) => createApiToken({ actor: user, name }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  revalidatePath("/newsroom/account");
  return { ok: true, message: "Copy this token now: it will not be shown again.", token: result.data.token };
}

export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(z.object({ tokenId: z.string().min(1).max(64) }), formToObject(form), async ({ tokenId }, user) => revokeApiToken({ actor: user, tokenId }));
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/newsroom/account");
  return { ok: true, message: "Token revoked." };
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const Z = z.object({ userId: z.string().min(1).max(64), password: ZNewPassword });
  const result = await authedAction(Z, formToObject(form), async ({ userId, password }, user) => resetPassword({ actor: user, userId, password }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  revalidatePath("/newsroom/staff");
  return { ok: true, message: "Password reset. Their current sessions have ended; give them the new password privately." };
}

export async function penNameApprovalAction(_prev: FormState, form: FormData): Promise<FormState> {
  const Z = z.object({ personId: z.string().min(1).max(64), approved: z.enum(["true", "false"]).transform((v) => v === "true") });
  const result = await authedAction(Z, formToObject(form), async ({ personId, approved }, user) => setPenNameApproval({ actor: user, personId, approved }));
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/newsroom/staff");
  revalidateReaderSite();
  return { ok: true, message: "Saved." };
}
