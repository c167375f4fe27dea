import type { PublicService } from "@/lib/booking/providers";
import { ButtonLink } from "@/components/ui/button";
import { formatDuration } from "@/lib/availability/format";
import { formatPrice } from "@/lib/provider/money";

/** A provider's active services, each with a link that starts (or continues) booking it. */
export function ServiceList({
  services,
  currency,
  hrefFor,
  actionLabel = "Book",
}: {
  services: PublicService[];
  /** The business's currency ("" for plain amounts). */
  currency: string;
  hrefFor: (serviceId: string) => string;
  actionLabel?: string;
}) {
  return (
    <ul className="divide-y divide-slate-200" role="list">
      {services.map((s) => (
        <li key={s.id} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <h3 className="font-semibold text-slate-900">{s.name}</h3>
            <p className="text-sm text-slate-600">
              {formatDuration(s.durationMinutes)} · {formatPrice(s.priceCents, currency)}
            </p>
            {s.description ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{s.description}</p> : null}
          </div>
          <ButtonLink href={hrefFor(s.id)} className="shrink-0 self-start sm:self-center">
            {actionLabel}
            <span className="sr-only"> {s.name}</span>
          </ButtonLink>
        </li>
      ))}
    </ul>
  );
}
