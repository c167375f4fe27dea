import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** The AppError a promise is refused with (a test fails if it resolves or throws anything else). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
