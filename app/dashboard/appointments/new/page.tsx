import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { isValidLocalDate, zonedDate, zonedTime } from "@/lib/availability";
import { zoneLabel } from "@/lib/infra/time";
import { requireProvider } from "@/lib/app/guards";
import { listSlots } from "@/lib/booking/slots";
import { isAppError } from "@/lib/infra/errors";
import { formatMoney } from "@/lib/provider/money";
import { listServices } from "@/lib/provider/services";
import { listBookableStaff } from "@/lib/booking/staff-load";
import { isPro } from "@/lib/plans/plans";
import { NewAppointmentForm } from "./_components/new-appointment-form";
import { isSaneIsoDate } from "@/lib/infra/text";

export const metadata: Metadata = { title: "New appointment" };

export default async function NewAppointmentPage({ searchParams }: { searchParams: Promise<{ serviceId?: string; date?: string; staffId?: string; time?: string }> }) {
  const { provider } = await requireProvider();
  const db = await getDb();
  const [search, all] = await Promise.all([searchParams, listServices(db, provider.id)]);
  const active = all.filter((s) => s.active);
  const tz = provider.timezone;
  const now = new Date();
  const today = zonedDate(now, tz);

  const back = (
    <BackLink href="/dashboard">Appointments</BackLink>
  );

  if (active.length === 0) {
    return (
      <div className="space-y-6">
        {back}
        <PageHeader title="New appointment" />
        <EmptyState title="No active services" action={<ButtonLink href="/dashboard/services">Go to services</ButtonLink>}>
          Add or activate a service before booking appointments.
        </EmptyState>
      </div>
    );
  }

  const serviceId = active.find((s) => s.id === search.serviceId)?.id ?? active[0]!.id;
  const date = typeof search.date === "string" && isValidLocalDate(search.date) && isSaneIsoDate(search.date) ? search.date : today;
  // PRO with staff: who provides the service ("any available" stays possible); the schedule's
  // free cell names one member, a day and a time.
  const members = isPro(provider, now) ? await listBookableStaff(db, provider.id, serviceId) : [];
  const staffId = members.find((m) => m.id === search.staffId)?.id ?? "";
  const time = typeof search.time === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(search.time) ? search.time : "";
  let freeTimes: string[] = [];
  try {
    const { slots } = await listSlots(db, { providerId: provider.id, serviceId, staffId: staffId || undefined, from: date, to: date }, now);
    freeTimes = slots.map((s) => zonedTime(s.start, tz));
  } catch (e) {
    // Suggestions only: the time field still works, and createBooking has the last word.
    if (!isAppError(e)) console.error("Listing free times failed", e);
  }

  return (
    <div className="space-y-6">
      {back}
      <PageHeader title="New appointment" description="Book a walk-in or phone client into a free time." />
      <Card>
        <NewAppointmentForm
          services={active.map((s) => ({ id: s.id, label: `${s.name} (${s.durationMinutes} min, ${formatMoney(s.priceCents, provider.currency)})` }))}
          serviceId={serviceId}
          members={members.map((m) => ({ id: m.id, name: m.name }))}
          staffId={staffId}
          time={time}
          date={date}
          today={today}
          freeTimes={freeTimes}
          timezoneLabel={zoneLabel(tz, now)}
        />
      </Card>
    </div>
  );
}
