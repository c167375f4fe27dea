import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "./action-state";
import { AppError, asAppError, isAppError, type ErrorCode } from "./errors";
import { clientIp } from "./http";
import { currentRequestId, log } from "./log";
import { emailSchema, formObject } from "./validation";

/*
 * One way to write a server action: authorise → parse (zod over formObject) → call lib/ →
 * map AppError codes to messages and fields → revalidate → redirect or return state.
 * Messages come from the one table in lib/infra/errors.ts; an action only says beside which field
 * a code's message belongs. Unknown errors are logged and shown generically, never e.message.
 */

const CHECK_FIELDS = "Please check the highlighted fields.";

/** What the user typed, minus passwords and tokens, for echoing back after a failed submit. */
export const formValues = (formData: FormData) => formObject(formData, { omitSecrets: true });

export function validationState(error: z.ZodError, formData?: FormData): ActionState {
  return {
    ok: false,
    message: CHECK_FIELDS,
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    values: formData ? formValues(formData) : undefined,
  };
}

/** Beside which form field an error code's message is shown (the rest show above the form). */
export type ErrorFields = Partial<Record<ErrorCode, string>>;

/** AppError → its message (beside a field when `fields` names one); anything else is logged and shown generically. */
export function toActionError(error: unknown, formData?: FormData, fields: ErrorFields = {}): ActionState {
  unstable_rethrow(error); // redirect()/notFound()/forbidden() inside the try must still propagate
  const e = asAppError(error);
  const values = formData ? formValues(formData) : undefined;
  if (isAppError(e)) {
    const field = fields[e.code];
    if (field) return { ok: false, message: CHECK_FIELDS, fieldErrors: { ...e.fieldErrors, [field]: [e.message] }, values };
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values };
  }
  logUnexpected(e, "unexpected error in server action");
  return { ok: false, message: "Something went wrong on our side. Please try again.", values };
}

function logUnexpected(err: unknown, msg: string) {
  void currentRequestId().then((requestId) => log.error({ component: "action", requestId, err }, msg));
}

/** A path to revalidate; `{ layout }` revalidates everything under a layout. */
type Revalidate = string | { layout: string };
type Outcome = { redirect: string; revalidate?: Revalidate[] } | { state: ActionState; revalidate?: Revalidate[] };

function revalidateAll(paths: Revalidate[]) {
  for (const p of paths) {
    if (typeof p === "string") revalidatePath(p);
    else revalidatePath(p.layout, "layout");
  }
}

/**
 * A `useActionState` action. `bound` are the arguments a page binds (an id, a token). The
 * steps run in order; `refine` may add to a refusal (say, the free times after SLOT_TAKEN).
 */
export function formAction<Ctx, Schema extends z.ZodType, Result, Bound extends unknown[] = [], State extends ActionState = ActionState>(def: {
  authorise: (...bound: Bound) => Promise<Ctx>;
  schema: Schema | ((ctx: Ctx) => Schema);
  call: (ctx: Ctx, input: z.output<Schema>) => Promise<Result>;
  /** Where to go (and what to revalidate) after success, or the state to return. */
  done: (ctx: Ctx, input: z.output<Schema>, result: Result) => Outcome;
  fields?: ErrorFields;
  /** Echo what was typed after a refusal (forms that keep their own state say false). */
  echo?: boolean;
  /** The message when the input does not parse; default "Please check the highlighted fields." */
  invalidMessage?: string;
  /** What the schema reads; default formObject (one string per field). For repeated fields and files. */
  read?: (formData: FormData) => unknown;
  refine?: (state: ActionState, ctx: Ctx, formData: FormData, error?: unknown) => Promise<State>;
}) {
  return async (...args: [...Bound, State, FormData]): Promise<State> => {
    const formData = args[args.length - 1] as FormData;
    const bound = args.slice(0, -2) as Bound;
    const echo = def.echo === false ? undefined : formData;
    let ctx: Ctx;
    try {
      ctx = await def.authorise(...bound);
    } catch (e) {
      return toActionError(e) as State;
    }
    const schema = typeof def.schema === "function" ? (def.schema as (ctx: Ctx) => Schema)(ctx) : def.schema;
    const parsed = schema.safeParse(def.read ? await def.read(formData) : formObject(formData));
    if (!parsed.success) {
      const state = validationState(parsed.error, echo);
      if (def.invalidMessage) state.message = def.invalidMessage;
      return def.refine ? def.refine(state, ctx, formData) : (state as State);
    }
    let outcome: Outcome;
    try {
      outcome = def.done(ctx, parsed.data, await def.call(ctx, parsed.data));
    } catch (e) {
      const state = toActionError(e, echo, def.fields);
      return def.refine ? def.refine(state, ctx, formData, e) : (state as State);
    }
    revalidateAll(outcome.revalidate ?? []);
    if ("redirect" in outcome) redirect(outcome.redirect);
    return outcome.state as State;
  };
}

/**
 * A plain form post (a button in a list) whose outcome is a flash on the page it redirects
 * to: `?<success>` or `?error=<CODE>`. `flash` may turn an error into its own query. `to` and
 * `revalidate` get the parsed input (undefined when it did not parse), for pages keyed by an id
 * in the form.
 */
export function flashAction<Ctx, Schema extends z.ZodType>(def: {
  authorise: () => Promise<Ctx>;
  schema: Schema;
  call: (ctx: Ctx, input: z.output<Schema>) => Promise<string>;
  to: (ctx: Ctx, query: string, input: z.output<Schema> | undefined) => string;
  revalidate: (ctx: Ctx, input: z.output<Schema> | undefined) => Revalidate[];
  flash?: (e: AppError, input: z.output<Schema>) => string | undefined;
  /** The query when the input does not parse; default `error=VALIDATION`. */
  invalidQuery?: string;
}) {
  return async (formData: FormData): Promise<void> => {
    const ctx = await def.authorise();
    const parsed = def.schema.safeParse(formObject(formData));
    const input = parsed.success ? (parsed.data as z.output<Schema>) : undefined;
    let query: string;
    if (!parsed.success) query = def.invalidQuery ?? "error=VALIDATION";
    else {
      try {
        query = await def.call(ctx, parsed.data);
      } catch (error) {
        unstable_rethrow(error);
        const e = asAppError(error);
        if (!isAppError(e)) logUnexpected(e, "unexpected error in a form post");
        query = (isAppError(e) && def.flash?.(e, parsed.data)) || `error=${isAppError(e) ? e.code : "UNKNOWN"}`;
      }
    }
    revalidateAll(def.revalidate(ctx, input));
    redirect(def.to(ctx, query, input));
  };
}


/** What a sender of "email me a link" answers: sent (or silently not), or its own limit's wait. */
export type EmailLinkResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A public "email me a link" form's action (forgot password, find my booking): one email
 * field, the client's address for the sender's own limits, and the same `message` whether or
 * not anything was sent, so the form never tells who has an account or a booking. Only the
 * address limit is said, with its wait in minutes.
 */
export function emailLinkAction(def: { send: (email: string, clientAddress: string) => Promise<EmailLinkResult>; message: string }) {
  return formAction({
    authorise: async () => ({ ip: clientIp(await headers()) }),
    schema: z.object({ email: emailSchema }),
    call: async ({ ip }, { email }) => {
      const result = await def.send(email, ip);
      if (!result.ok) {
        const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
        throw new AppError("RATE_LIMITED", `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
          retryAfter: result.retryAfterSeconds,
        });
      }
    },
    done: () => ({ state: { ok: true, message: def.message } }),
  });
}
