import { expect } from "vitest";
import { AppError } from "@/lib/infra/errors";

/** The AppError a promise is refused with (a test fails if it resolves or throws anything else). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** "ok" when the promise resolves, else the AppError's code; anything else is thrown on. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}
