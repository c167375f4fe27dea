import type { Metadata } from "next";
import { ActiveBadge, ActiveToggle } from "@/components/dashboard/active-controls";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { errorCodes } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { formatMoney } from "@/lib/provider/money";
import { deletionRefusal, getServiceUsage, listServices, type ServiceRow } from "@/lib/provider/services";
import { createServiceAction, deleteServiceAction, setServiceActiveAction } from "./actions";
import { NO_SERVICE_RULES, ServiceForm } from "./_components/service-form";
import { ownValue } from "@/lib/infra/text";

export const metadata: Metadata = { title: "Services" };

type Search = { created?: string; saved?: string; deleted?: string; activated?: string; deactivated?: string; cannotDelete?: string; error?: string };

const flashes: [keyof Search, string][] = [
  ["created", "Service added."],
  ["saved", "Service saved."],
  ["deleted", "Service deleted."],
  ["activated", "Service activated: clients can book it again."],
  ["deactivated", "Service deactivated: it no longer appears on your booking page."],
];

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requireProvider();
  const db = await getDb();
  const [search, list] = await Promise.all([searchParams, listServices(db, provider.id)]);

  // A refused delete: explain why, beside a Deactivate button (usage re-read, never taken from the URL).
  const blocked = isUuid(search.cannotDelete) ? list.find((s) => s.id === search.cannotDelete) : undefined;
  const refusal = blocked ? deletionRefusal(await getServiceUsage(db, provider.id, blocked.id)) : null;
  const success = flashes.find(([key]) => search[key] === "1")?.[1];
  const error = search.error ? (ownValue(errorCodes, search.error)?.message ?? "Something went wrong on our side. Please try again.") : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Services"
        description="What clients can book, how long it takes and what it costs."
        actions={list.length ? <ButtonLink href="#add-service" variant="secondary">New service</ButtonLink> : null}
      />
      {success ? <Flash tone="success">{success}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}
      {blocked && refusal ? (
        <div role="alert" className="space-y-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          <p>
            <strong>“{blocked.name}” can&apos;t be deleted.</strong> {refusal}
          </p>
          {blocked.active ? (
            <form action={setServiceActiveAction}>
              <input type="hidden" name="serviceId" value={blocked.id} />
              <input type="hidden" name="active" value="false" />
              <SubmitButton variant="secondary" pendingLabel="Deactivating…">
                Deactivate “{blocked.name}”
              </SubmitButton>
            </form>
          ) : (
            <p>It is already inactive, so it can&apos;t be booked.</p>
          )}
        </div>
      ) : null}

      {list.length === 0 ? (
        <EmptyState
          title="No services yet"
          action={<ButtonLink href="#add-service">Add your first service</ButtonLink>}
        >
          Add what clients can book, such as “Haircut, 30 minutes”. Your booking page lists active services.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Your services">
          {list.map((s) => (
            <ServiceItem key={s.id} service={s} currency={provider.currency} />
          ))}
        </ul>
      )}

      <div id="add-service" className="scroll-mt-6">
        <Card title="Add a service">
          <ServiceForm
            currency={provider.currency}
            defaults={provider}
            action={createServiceAction}
            initial={{ name: "", description: "", durationMinutes: "30", price: "", active: true, ...NO_SERVICE_RULES }}
            submitLabel="Add service"
          />
        </Card>
      </div>
    </div>
  );
}

function ServiceItem({ service: s, currency }: { service: ServiceRow; currency: string }) {
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h2 className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
            <span className="break-words">{s.name}</span>
            <ActiveBadge active={s.active} />
          </h2>
          <p className="text-sm text-slate-700">
            {s.durationMinutes} min · {formatMoney(s.priceCents, currency)}
          </p>
          {s.description ? <p className="whitespace-pre-line break-words text-sm text-slate-600">{s.description}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/dashboard/services/${s.id}`} variant="secondary" aria-label={`Edit ${s.name}`}>
            Edit
          </ButtonLink>
          <ActiveToggle action={setServiceActiveAction} idField="serviceId" id={s.id} name={s.name} active={s.active} />
          <form action={deleteServiceAction}>
            <input type="hidden" name="serviceId" value={s.id} />
            <ConfirmButton confirm={`Delete “${s.name}”? This can't be undone.`} aria-label={`Delete ${s.name}`} pendingLabel="Deleting…">
              Delete
            </ConfirmButton>
          </form>
        </div>
      </div>
    </li>
  );
}
