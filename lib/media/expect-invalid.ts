import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** For the media tests: the promise is refused as a VALIDATION error on the `file` field. */
export async function expectInvalid(promise: Promise<unknown>, message: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "VALIDATION", message, fields: { file: message } });
}
