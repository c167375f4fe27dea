import { getDb } from "@/lib/app/runtime";
import { getCurrentUser } from "@/lib/app/guards";
import { ownAppointmentIcsOrNull } from "@/lib/portal/appointment";

export const dynamic = "force-dynamic";

/** GET /account/appointments/[id]/ics — the owner's appointment as a calendar file; 404 for anyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ics = await ownAppointmentIcsOrNull(await getDb(), await getCurrentUser(), id);
  if (!ics) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="appointment.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
