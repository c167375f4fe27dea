import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { ProviderCard } from "@/components/booking/provider-card";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/lib/app/runtime";
import { cachedDirectory } from "@/lib/page-cache/public-data";
import { withoutControls } from "@/lib/infra/text";

export const metadata: Metadata = { title: { absolute: "Slotbook — book appointments online" } };

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const raw = Array.isArray(sp.q) ? sp.q[0] : sp.q;
  const q = withoutControls(typeof raw === "string" ? raw : "").trim().slice(0, 100);
  const providers = await cachedDirectory(await getDb(), q);

  return (
    <div className="space-y-10">
      {sp.accountDeleted === "1" ? (
        <Flash tone="success">Your account has been deleted. Your appointments stay booked with the businesses.</Flash>
      ) : null}
      <section className="rounded-2xl bg-gradient-to-br from-indigo-600 to-indigo-800 px-5 py-8 text-white sm:px-10 sm:py-12">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Book your next appointment in a minute</h1>
        <p className="mt-3 max-w-2xl text-indigo-100">
          Slotbook is online booking for salons, clinics, tutors and studios. Find a business, pick a free time and
          you&apos;re booked — no account needed.
        </p>
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <span className="text-sm text-indigo-100">Run a business? Publish your services and opening hours.</span>
          <ButtonLink href="/register?role=provider" variant="secondary">
            Create an account
          </ButtonLink>
        </div>
      </section>

      <section aria-labelledby="directory-heading" className="space-y-4">
        <h2 id="directory-heading" className="text-xl font-semibold text-slate-900">
          Find a business
        </h2>
        <Form action="/" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex-1 space-y-1">
            <label htmlFor="q" className="block text-sm font-medium text-slate-800">
              Search businesses, services and places
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={100}
              placeholder="Name, service or city, e.g. haircut"
              className="block w-full rounded-md border-0 px-3 py-2 text-base text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 sm:text-sm"
            />
          </div>
          <button type="submit" className={buttonClass("primary")}>
            Search
          </button>
        </Form>

        {q ? (
          <p className="text-sm text-slate-600" role="status">
            {providers.length === 0
              ? `No businesses match “${q}”.`
              : `${providers.length === 1 ? "1 business matches" : `${providers.length} businesses match`} “${q}”.`}
          </p>
        ) : null}

        {providers.length === 0 ? (
          <EmptyState
            title={q ? "No businesses found" : "No businesses yet"}
            action={
              q ? (
                <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
                  Show all businesses
                </Link>
              ) : undefined
            }
          >
            {q ? "Try a shorter or different word." : "Businesses that join Slotbook will appear here."}
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" role="list">
            {providers.map((p) => (
              <ProviderCard key={p.id} provider={p} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
