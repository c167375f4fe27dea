import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { env } from "@/lib/infra/env";
import { listMail, listSms } from "@/lib/infra/outbox/mailbox";
import { MailBody } from "./_components/mail-body";
import { withoutControls } from "@/lib/infra/text";

export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

const statusStyle: Record<string, string> = {
  captured: "bg-green-50 text-green-800 ring-green-200",
  sent: "bg-green-50 text-green-800 ring-green-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/**
 * Mail the app would have sent, captured in the database (no SMTP_URL): for local runs and
 * end-to-end tests. Off in production unless MAILBOX_UI=1.
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!env().mailboxUi) notFound();
  const sp = await searchParams;
  const to = typeof sp.to === "string" ? withoutControls(sp.to).slice(0, 320) : "";
  const db = await getDb();
  const mails = await listMail(db, { to });
  // A recipient filter that is an email address finds no phone number; show texts only for digits or no filter.
  const texts = to.includes("@") ? [] : await listSms(db, { to });

  return (
    <div className="space-y-6">
      <PageHeader
        title="Mailbox"
        description="Mail captured instead of sent. Delivery takes a second or two: refresh to see new mail."
        actions={
          <ButtonLink href={to ? `/dev/mailbox?to=${encodeURIComponent(to)}` : "/dev/mailbox"} variant="secondary">
            Refresh
          </ButtonLink>
        }
      />
      <form method="get" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-1">
          <label htmlFor="mailbox-to" className="block text-sm font-medium text-slate-800">
            Recipient
          </label>
          <input
            id="mailbox-to"
            name="to"
            type="search"
            defaultValue={to}
            placeholder="name@example.com"
            className="block w-full rounded-md border-0 px-3 py-2 text-base shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 sm:text-sm"
          />
        </div>
        <button type="submit" className="min-h-10 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
          Filter
        </button>
        {to ? (
          <Link href="/dev/mailbox" className="px-2 py-2 text-sm text-indigo-700 underline">
            Show all
          </Link>
        ) : null}
      </form>

      {texts.length > 0 ? (
        <section aria-labelledby="texts-heading" className="space-y-3">
          <h2 id="texts-heading" className="text-lg font-semibold text-slate-900">
            Text messages
          </h2>
          <ol className="space-y-3" aria-label="Text messages">
            {texts.map((t) => (
              <li key={t.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <p className="text-sm text-slate-600">
                  To: <span className="break-all">{t.to}</span> ·{" "}
                  <time dateTime={t.createdAt.toISOString()}>{timeFormat.format(t.createdAt)} UTC</time> · {t.status}
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-slate-900">{t.text}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {mails.length === 0 ? (
        <EmptyState title={to ? `No mail to “${to}” yet` : "No mail yet"}>
          Mail appears here when the app sends it (sign-ups, bookings, cancellations).
        </EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="Messages">
          {mails.map((m) => (
            <li key={m.id}>
              <article className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby={`mail-${m.id}`}>
                <header className="mb-3 flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 pb-3">
                  <div className="min-w-0">
                    <h2 id={`mail-${m.id}`} className="font-semibold text-slate-900">
                      {m.subject}
                    </h2>
                    <p className="text-sm text-slate-600">
                      To: <span className="break-all">{m.to}</span>
                    </p>
                    <p className="text-xs text-slate-500">
                      <time dateTime={m.createdAt.toISOString()}>{timeFormat.format(m.createdAt)} UTC</time>
                    </p>
                  </div>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusStyle[m.status] ?? ""}`}>
                    {m.status}
                  </span>
                </header>
                <MailBody text={m.text} />
                {m.attachmentNames.length > 0 ? (
                  <p className="mt-3 text-xs text-slate-500">Attachments: {m.attachmentNames.join(", ")}</p>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
