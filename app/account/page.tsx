import type { Metadata } from "next";
import Link from "next/link";
import { formatWhen } from "@/lib/format";
import { StatusBadge } from "@/components/booking/status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/runtime";
import { requireRole } from "@/lib/auth/guards";
import { listClientAppointments, type ClientAppointment } from "@/lib/portal/appointments";

export const metadata: Metadata = { title: "My appointments" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("client");
  const sp = await searchParams;
  const { upcoming, past } = await listClientAppointments(await getDb(), user.id);

  return (
    <div className="space-y-6">
      <PageHeader title="My appointments" description={`Signed in as ${user.email}`} />
      {sp.welcome ? (
        <Flash tone="success">
          Welcome to Slotbook, {user.name}! {user.emailVerified ? null : "We've sent you a link to verify your email."}
        </Flash>
      ) : null}

      <Card title="Upcoming">
        {upcoming.length === 0 ? (
          <EmptyState title="No upcoming appointments" action={<ButtonLink href="/">Find a place to book</ButtonLink>}>
            Appointments you book while signed in appear here
            {user.emailVerified ? "." : ", and so do earlier bookings made with your email once it is verified."}
          </EmptyState>
        ) : (
          <AppointmentList items={upcoming} />
        )}
      </Card>

      <Card title="Past and cancelled">
        {past.length === 0 ? <EmptyState title="Nothing here yet" /> : <AppointmentList items={past} />}
      </Card>
    </div>
  );
}

function AppointmentList({ items }: { items: ClientAppointment[] }) {
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((a) => (
        <li key={a.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <p className="font-medium text-slate-900">
              {a.serviceName} · <Link href={`/p/${a.providerSlug}`} className="text-indigo-700 hover:underline">{a.providerName}</Link>
            </p>
            <p className="text-sm text-slate-600">
              {formatWhen(a.startsAt, a.endsAt, a.timezone)}
              {a.staffName ? ` · with ${a.staffName}` : ""}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <StatusBadge status={a.status} />
            <Link
              href={`/account/appointments/${a.id}`}
              className="text-sm font-medium text-indigo-700 hover:underline"
              aria-label={`Details: ${a.serviceName} at ${a.providerName}`}
            >
              Details
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
