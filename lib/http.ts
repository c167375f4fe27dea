import { z } from "zod";
import { AppError, isAppError } from "./errors";

/**
 * JSON error answers for route handlers, in one place: an AppError becomes its status and
 * message (422 always carries `fieldErrors`; 429 carries Retry-After); anything else is
 * logged and answered with a generic 500, never the error's own text.
 */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    const body: { error: string; fieldErrors?: Record<string, string[]> } = { error: e.message };
    if (e.status === 422 || e.fieldErrors) body.fieldErrors = e.fieldErrors ?? {};
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (e.code === "RATE_LIMITED") headers["Retry-After"] = String(e.retryAfter ?? 60);
    return Response.json(body, { status: e.status, headers });
  }
  console.error("Unexpected error in route handler", e);
  return Response.json({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
}

/** A zod failure as the API's 422: `{ error, fieldErrors }`. */
export function validationError(error: z.ZodError): AppError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return new AppError("VALIDATION", undefined, { fieldErrors });
}

/** The request's JSON body, or a 422 AppError when it is missing or not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be a JSON object.", { fieldErrors: {} });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("VALIDATION", "The request body must be a JSON object.", { fieldErrors: {} });
  }
  return body as Record<string, unknown>;
}

/**
 * The caller's address for per-IP limits. Takes the last X-Forwarded-For entry (the one the
 * nearest proxy appended; Next.js sets it to the socket address when no proxy did), since
 * earlier entries are whatever the client sent.
 */
export function clientIp(source: Request | Headers): string {
  const headers = source instanceof Headers ? source : source.headers;
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return (last || headers.get("x-real-ip")?.trim() || "unknown").slice(0, 100);
}
