import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { isAppError } from "@/lib/infra/errors";
import { formatCents } from "@/lib/provider/money";
import { getServiceOrThrow } from "@/lib/provider/services";
import { updateServiceAction } from "../actions";
import { ServiceForm } from "../_components/service-form";

export const metadata: Metadata = { title: "Edit service" };

/** A rule the service does not set reads as a blank field ("the business's default"). */
const blankIfNull = (n: number | null) => (n === null ? "" : String(n));

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { provider } = await requireProvider();
  const { id } = await params;
  const service = await getServiceOrThrow(await getDb(), provider.id, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });

  return (
    <div className="space-y-6">
      <BackLink href="/dashboard/services">All services</BackLink>
      <PageHeader title={`Edit “${service.name}”`} />
      <Card>
        <ServiceForm
          currency={provider.currency}
          defaults={provider}
          action={updateServiceAction.bind(null, service.id)}
          initial={{
            name: service.name,
            description: service.description,
            durationMinutes: String(service.durationMinutes),
            price: formatCents(service.priceCents),
            active: service.active,
            slotIntervalMinutes: blankIfNull(service.slotIntervalMinutes),
            bufferBeforeMinutes: blankIfNull(service.bufferBeforeMinutes),
            bufferAfterMinutes: blankIfNull(service.bufferAfterMinutes),
            minNoticeMinutes: blankIfNull(service.minNoticeMinutes),
            bookingHorizonDays: blankIfNull(service.bookingHorizonDays),
            dailyCapPerMember: blankIfNull(service.dailyCapPerMember),
          }}
          submitLabel="Save service"
        />
      </Card>
    </div>
  );
}
