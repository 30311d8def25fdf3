import "server-only";
import type { ActionState } from "./form-state";

/**
 * A form's answer without the use case's data: `formAction` types its result with the data the
 * success message was built from, but unless it was asked to (`returnData`) it never sends it.
 * This makes the type say so, for the forms (`FormActionFn`) that take a plain ActionState.
 */
export async function messageOnly<T>(state: ActionState<T> | Promise<ActionState<T>>): Promise<ActionState> {
  const { data: _data, ...answer } = await state;
  return answer;
}
