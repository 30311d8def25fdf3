"use server";
import { createFirstAdviser } from "@/lib/use-cases/accounts/create-first-adviser";
import { type ActionState, keptValues } from "./form-state";
import { formToObject, toActionError } from "./safe-action";

/**
 * First run only: creates the publication and its first adviser, then /setup closes for good.
 * Nobody is signed in yet, so this is the one action that does not go through `formAction`.
 */
export async function setupAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    await createFirstAdviser({ input: formToObject(form) as Parameters<typeof createFirstAdviser>[0]["input"] });
    return { ok: true, message: "Your newsroom is ready. Sign in with the account you just created." };
  } catch (error) {
    const { code, message, fields } = toActionError(error);
    return { ok: false, code, message, fields, values: keptValues(form, [], ["password"]) };
  }
}
