"use server";
import { updateMedia } from "@/lib/use-cases/media/update-media";
import { ZId } from "@/lib/validation/article";
import { type TMedia, ZMediaUpdate } from "@/lib/validation/media";
import { type ActionState, formAction } from "./form-state";

const ZMediaDetailsForm = ZMediaUpdate.extend({ id: ZId });

/** Alt text, caption and credit of one library image; the saved image comes back as `data`. */
export async function updateMediaAction(_prev: ActionState<TMedia>, form: FormData): Promise<ActionState<TMedia>> {
  return formAction(form, ZMediaDetailsForm, ({ id, ...input }, user) => updateMedia({ actor: user, id, input }).then((o) => o.data), {
    success: () => "Saved.",
    returnData: true,
  });
}
