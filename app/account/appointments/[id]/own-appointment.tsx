import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/app/guards";
import type { AppointmentView } from "@/lib/booking/read";
import { getOwnAppointment } from "@/lib/portal/appointment";
import { getDb } from "@/lib/app/runtime";

/**
 * The signed-in client's own appointment, for the appointment page and its rebook page. Not
 * requireRole: a provider or staff login, a wrong id and someone else's id all get the same 404.
 */
export async function ownAppointmentOrNotFound(id: string): Promise<AppointmentView> {
  const a = await getOwnAppointment(await getDb(), await getCurrentUser(), id);
  if (!a) notFound();
  return a;
}

export function BackToAppointments() {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href="/account" className="font-medium text-indigo-700 hover:underline">
        ← My appointments
      </Link>
    </nav>
  );
}
