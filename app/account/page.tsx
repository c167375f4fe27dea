import type { Metadata } from "next";
import Link from "next/link";
import { AppointmentList } from "./_components/appointment-list";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { listClientAppointments } from "@/lib/portal/appointments";

export const metadata: Metadata = { title: "My appointments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireRole("client");
  const sp = await searchParams;
  const requestedPage = typeof sp.page === "string" && /^\d{1,4}$/.test(sp.page) ? Number(sp.page) : 1;
  const { upcoming, past, pastPage, pastPages } = await listClientAppointments(await getDb(), user.id, new Date(), {
    pastPage: requestedPage,
  });

  return (
    <div className="space-y-6">
      <PageHeader title="My appointments" description={<span className="break-all">Signed in as {user.email}</span>} />
      {sp.welcome ? (
        <Flash tone="success">
          Welcome to Slotbook, {user.name}! {user.emailVerified ? null : "We've sent you a link to verify your email."}
        </Flash>
      ) : null}

      <Card title="Upcoming">
        {upcoming.length === 0 ? (
          <EmptyState
            title="No upcoming appointments"
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <ButtonLink href="/">Find a place to book</ButtonLink>
                <ButtonLink href="/account/favorites" variant="secondary">
                  Your favourites
                </ButtonLink>
              </div>
            }
          >
            Appointments you book while signed in appear here
            {user.emailVerified ? "." : ", and so do earlier bookings made with your email once it is verified."}
          </EmptyState>
        ) : (
          <AppointmentList items={upcoming} kind="upcoming" />
        )}
      </Card>

      <Card title="Past and cancelled">
        {past.length === 0 ? (
          <EmptyState title="Nothing here yet">Appointments move here once they have taken place or are cancelled.</EmptyState>
        ) : (
          <>
            <AppointmentList items={past} kind="past" />
            {pastPages > 1 ? <Pager page={pastPage} pages={pastPages} /> : null}
          </>
        )}
      </Card>
    </div>
  );
}

function Pager({ page, pages }: { page: number; pages: number }) {
  const href = (p: number) => (p === 1 ? "/account#past" : `/account?page=${p}#past`);
  const linkClass = "rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  return (
    <nav aria-label="Past appointments pages" className="mt-4 flex items-center justify-between gap-2 border-t border-slate-100 pt-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Older
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
