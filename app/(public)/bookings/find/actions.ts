"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { FIND_REQUESTED_MESSAGE, sendBookingLinks } from "@/lib/booking/find";
import { formAction } from "@/lib/infra/actions";
import { AppError } from "@/lib/infra/errors";
import { clientIp } from "@/lib/infra/http";
import { emailSchema } from "@/lib/infra/validation";

/** "Find my booking": the same answer whether or not the email has bookings. Public. */
export const findBookingsAction = formAction({
  authorise: async () => ({ ip: clientIp(await headers()) }),
  schema: z.object({ email: emailSchema }),
  call: async ({ ip }, { email }) => {
    const result = await sendBookingLinks(await getDb(), email, ip);
    if (!result.ok) {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      throw new AppError("RATE_LIMITED", `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
        retryAfter: result.retryAfterSeconds,
      });
    }
  },
  done: () => ({ state: { ok: true, message: FIND_REQUESTED_MESSAGE } }),
});
