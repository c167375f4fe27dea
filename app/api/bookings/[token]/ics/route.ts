import { getDb } from "@/lib/runtime";
import { enforceApiRateLimit } from "@/lib/booking/api";
import { bookingIcsOrNull } from "@/lib/booking/ics-download";
import { AppError } from "@/lib/errors";
import { clientIp, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/bookings/[token]/ics — the guest's appointment as a calendar file. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const db = await getDb();
    await enforceApiRateLimit(db, clientIp(request));
    const { token } = await params;
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
  } catch (e) {
    return errorResponse(e);
  }
}
