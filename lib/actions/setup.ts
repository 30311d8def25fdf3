"use server";
import { createFirstAdviser } from "@/lib/data/users";
import { ZSetup } from "@/lib/validation/user";
import { revalidateReaderSite } from "./revalidate";
import { formValues, parseInput, toActionError } from "./safe-action";
import type { FormState } from "./staff";

/** First run only: creates the publication and its first adviser, then /setup closes for good. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["password"]);
  try {
    const input = parseInput(ZSetup, Object.fromEntries(form.entries()));
    await createFirstAdviser(input);
    revalidateReaderSite(); // the reader site now has a name
    return { ok: true, message: "Your newsroom is ready. Sign in with the account you just created." };
  } catch (error) {
    const e = toActionError(error);
    return { ok: false, message: e.message, fields: e.fields, values };
  }
}
