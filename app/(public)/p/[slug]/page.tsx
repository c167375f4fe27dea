import type { Metadata } from "next";
import { bookingHref } from "@/lib/booking/picker";
import { ServiceList } from "@/components/booking/service-list";
import { WeeklyHours } from "@/components/booking/weekly-hours";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FavoriteControl, type FavoriteState } from "./_components/favorite-control";
import { getProviderOrNotFound } from "./provider";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/lib/app/runtime";
import { getCurrentUser } from "@/lib/app/guards";
import { isFavorite } from "@/lib/portal/favorites";

type Props = { params: Promise<{ slug: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const provider = await getProviderOrNotFound(slug);
  return {
    title: provider.businessName,
    description: provider.description.slice(0, 160) || `Book an appointment with ${provider.businessName}.`,
  };
}

export default async function ProviderPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = (await searchParams) ?? {};
  const provider = await getProviderOrNotFound(slug);
  const favorite = await favoriteState(provider.id);

  return (
    <div className="space-y-6">
      {sp.favorite === "added" ? <Flash tone="success">Saved to your favourites.</Flash> : null}
      {sp.favorite === "removed" ? <Flash tone="success">Removed from your favourites.</Flash> : null}
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{provider.businessName}</h1>
        {provider.description ? (
          <p className="max-w-3xl whitespace-pre-line text-slate-700">{provider.description}</p>
        ) : null}
        <div className="flex flex-wrap gap-2 pt-2">
          {provider.services.length > 0 ? <ButtonLink href={bookingHref(provider.slug, {})}>Book an appointment</ButtonLink> : null}
          <FavoriteControl state={favorite} slug={provider.slug} businessName={provider.businessName} />
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Services" className="lg:col-span-2">
          {provider.services.length === 0 ? (
            <EmptyState title="No services to book yet">Please check back later or contact the business.</EmptyState>
          ) : (
            <ServiceList
              services={provider.services}
              currency={provider.currency}
              hrefFor={(serviceId) => bookingHref(provider.slug, { serviceId })}
            />
          )}
        </Card>

        <div className="space-y-6">
          <Card title="Opening hours">
            <WeeklyHours hours={provider.hours} timezone={provider.timezone} />
          </Card>
          <ContactCard provider={provider} />
        </div>
      </div>
    </div>
  );
}

async function favoriteState(providerId: string): Promise<FavoriteState> {
  const user = await getCurrentUser();
  if (!user) return "signed-out";
  if (user.role !== "client") return "none";
  return (await isFavorite(await getDb(), user.id, providerId)) ? "saved" : "not-saved";
}

function ContactCard({ provider }: { provider: { address: string; phone: string; email: string } }) {
  if (!provider.address && !provider.phone && !provider.email) return null;
  return (
    <Card title="Contact">
      <dl className="space-y-2 text-sm">
        {provider.address ? (
          <div>
            <dt className="font-medium text-slate-700">Address</dt>
            <dd className="whitespace-pre-line text-slate-900">{provider.address}</dd>
          </div>
        ) : null}
        {provider.phone ? (
          <div>
            <dt className="font-medium text-slate-700">Phone</dt>
            <dd>
              <a href={`tel:${provider.phone.replace(/[^0-9+]/g, "")}`} className="text-indigo-700 hover:underline">
                {provider.phone}
              </a>
            </dd>
          </div>
        ) : null}
        {provider.email ? (
          <div>
            <dt className="font-medium text-slate-700">Email</dt>
            <dd>
              <a href={`mailto:${provider.email}`} className="break-all text-indigo-700 hover:underline">
                {provider.email}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}
