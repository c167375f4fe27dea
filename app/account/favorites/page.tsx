import type { Metadata } from "next";
import Link from "next/link";
import { removeFavoriteAction } from "./actions";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { zonedDate, zonedTime } from "@/lib/availability";
import { bookingHref } from "@/lib/booking/picker";
import { formatLongDate } from "@/lib/availability/format";
import { requireRole } from "@/lib/app/guards";
import { listFavorites } from "@/lib/portal/favorites";

export const metadata: Metadata = { title: "Favourites" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FavoritesPage({ searchParams }: Props) {
  const user = await requireRole("client");
  const sp = await searchParams;
  const favorites = await listFavorites(await getDb(), user.id);

  return (
    <div className="space-y-6">
      <PageHeader title="Favourites" description="Businesses you saved, with their next free time." />
      {sp.favorite === "removed" ? <Flash tone="success">Removed from your favourites.</Flash> : null}
      {sp.favorite === "added" ? <Flash tone="success">Saved to your favourites.</Flash> : null}
      {sp.error ? <Flash tone="error">We couldn&apos;t find that business.</Flash> : null}
      {favorites.length === 0 ? (
        <EmptyState title="No favourites yet" action={<ButtonLink href="/">Find a place to book</ButtonLink>}>
          Tap “Save to favourites” on a business&apos;s page to keep it here.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Favourite businesses">
          {favorites.map((f) => (
            <li key={f.providerId}>
              <Card>
                <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0">
                    <h2 className="break-words text-lg font-semibold text-slate-900">
                      <Link href={`/p/${f.slug}`} className="hover:underline">
                        {f.businessName}
                      </Link>
                    </h2>
                    {f.address ? <p className="whitespace-pre-line text-sm text-slate-600">{f.address}</p> : null}
                    <p className="mt-1 text-sm text-slate-800">
                      {f.service && f.nextFree ? (
                        <>
                          Next free for {f.service.name}:{" "}
                          <strong>
                            {formatLongDate(zonedDate(f.nextFree, f.timezone))}, {zonedTime(f.nextFree, f.timezone)}
                          </strong>{" "}
                          <span className="text-xs text-slate-500">({f.timezone})</span>
                        </>
                      ) : f.service ? (
                        "No free times in the next two weeks."
                      ) : (
                        "Nothing to book online right now."
                      )}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {f.service ? (
                      <ButtonLink href={bookingHref(f.slug, { serviceId: f.service.id })} aria-label={`Book again at ${f.businessName}`}>
                        Book again
                      </ButtonLink>
                    ) : null}
                    <form action={removeFavoriteAction}>
                      <input type="hidden" name="slug" value={f.slug} />
                      <SubmitButton variant="secondary" aria-label={`Remove ${f.businessName} from favourites`} pendingLabel="Removing…">
                        Remove
                      </SubmitButton>
                    </form>
                  </div>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
