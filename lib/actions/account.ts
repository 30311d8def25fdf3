"use server";
import { changeOwnPassword } from "@/lib/use-cases/accounts/change-own-password";
import { resetPassword } from "@/lib/use-cases/accounts/reset-password";
import { signOutEverywhere } from "@/lib/use-cases/accounts/sign-out-everywhere";
import { setPenNameApproval } from "@/lib/use-cases/accounts/set-pen-name-approval";
import { updateOwnProfile } from "@/lib/use-cases/accounts/update-own-profile";
import { createApiToken } from "@/lib/use-cases/tokens/create-api-token";
import { revokeApiToken } from "@/lib/use-cases/tokens/revoke-api-token";
import { ZPasswordChange, ZPasswordReset, ZPenNameApproval, ZProfile, ZTokenCreate, ZTokenRevoke } from "@/lib/validation/user";
import { z } from "zod";
import { type ActionState, formAction } from "./form-state";

export async function updateProfileAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZProfile, (input, user) => updateOwnProfile({ actor: user, input }).then((o) => o.data), {
    success: () => "Profile saved. A new pen name appears once an adviser approves it.",
  });
}

export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZPasswordChange, (input, user) => changeOwnPassword({ actor: user, input }).then((o) => o.data), {
    success: () => "Password changed. Sign in again with the new one.",
    omit: ["current", "next"],
  });
}

/** The new token comes back once, as `data`: it is shown and never stored. */
export type CreatedToken = { token: string };

export async function createTokenAction(_prev: ActionState<CreatedToken>, form: FormData): Promise<ActionState<CreatedToken>> {
  return formAction(form, ZTokenCreate, (input, user) => createApiToken({ actor: user, input }).then((o) => ({ token: o.data.token })), {
    success: () => "Copy this token now: it will not be shown again.",
    returnData: true,
  });
}

export async function revokeTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZTokenRevoke, (input, user) => revokeApiToken({ actor: user, input }).then((o) => o.data), {
    success: () => "Token revoked.",
  });
}

export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZPasswordReset, (input, user) => resetPassword({ actor: user, input }).then((o) => o.data), {
    success: () => "Password reset. Their current sessions have ended; give them the new password privately.",
    omit: ["password"],
  });
}

export async function penNameApprovalAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZPenNameApproval, (input, user) => setPenNameApproval({ actor: user, input }).then((o) => o.data), {
    success: () => "Saved.",
  });
}

/** Ends every session of your account, this one too; the next page asks you to sign in. */
export async function signOutEverywhereAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, z.object({}), (_input, user) => signOutEverywhere({ actor: user, input: { via: "button" } }).then((o) => o.data), {
    success: () => "Signed out everywhere, this browser too. Sign in again to continue.",
  });
}
