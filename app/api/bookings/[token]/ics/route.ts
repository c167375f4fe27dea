import { bookingIcsOrNull } from "@/lib/booking/ics-download";
import { AppError } from "@/lib/infra/errors";
import { publicApiRoute } from "@/app/api/_lib/public-api-route";

export const dynamic = "force-dynamic";

/** GET /api/bookings/[token]/ics — the guest's appointment as a calendar file. */
export const GET = publicApiRoute<{ token: string }>(async (db, _request, { token }) => {
  const ics = await bookingIcsOrNull(db, token);
  if (!ics) throw new AppError("NOT_FOUND", "We couldn't find that booking.");
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="appointment.ics"',
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
});
