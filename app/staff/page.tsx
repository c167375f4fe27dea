import type { Metadata } from "next";
import { formatWhen } from "@/lib/format";
import { StatusBadge } from "@/components/booking/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/runtime";
import { requireRole } from "@/lib/auth/guards";
import { listStaffSchedule } from "@/lib/staff/schedule";

export const metadata: Metadata = { title: "My schedule" };

export default async function StaffPage() {
  const user = await requireRole("staff");
  const { staff, upcoming } = await listStaffSchedule(await getDb(), user.id);

  if (!staff) {
    return (
      <div className="space-y-6">
        <PageHeader title="My schedule" />
        <EmptyState title="Your login is not linked to a business">
          Ask the business that invited you to send a new invitation.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="My schedule"
        description={`${staff.name} at ${staff.providerName} · times in ${staff.timezone.replaceAll("_", " ")}`}
      />
      <Card title="Upcoming appointments">
        {upcoming.length === 0 ? (
          <EmptyState title="No upcoming appointments">New bookings with you will appear here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {upcoming.map((a) => (
              <li key={a.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {formatWhen(a.startsAt, a.endsAt, staff.timezone)}
                  </p>
                  <p className="text-sm text-slate-600">
                    {a.serviceName} · {a.clientName}
                  </p>
                  {a.notes ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-500">{a.notes}</p> : null}
                </div>
                <StatusBadge status={a.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
