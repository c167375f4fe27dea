import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/lib/app/runtime";
import { TOPIC_MAIL_LABEL, TOPIC_SMS_PREFERENCE } from "@/lib/notices/preferences";
import { findUnsubscribeToken } from "@/lib/notices/unsubscribe";

export const metadata: Metadata = {
  title: "Unsubscribe",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * One-click unsubscribe, no sign-in. Opening the page changes nothing (mail scanners open
 * links); the button posts to the same endpoint the mail's List-Unsubscribe header names.
 */
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { token } = await params;
  const sp = await searchParams;
  const found = await findUnsubscribeToken(await getDb(), token);

  if (!found) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Unsubscribe</h1>
        <Flash tone="error">This unsubscribe link is not valid. It may be incomplete.</Flash>
        <p className="text-sm text-slate-700">
          You can always change what we send you in your{" "}
          <Link href="/account/preferences" className="text-indigo-700 underline">
            notification preferences
          </Link>
          .
        </p>
      </div>
    );
  }

  const label = TOPIC_MAIL_LABEL[found.topic];
  const done = sp.done === "1" || found.used;
  // A mail's link stops that topic's mail only: texts have their own switch.
  const textsToo = TOPIC_SMS_PREFERENCE[found.topic] !== null;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Unsubscribe</h1>
      {done ? (
        <Flash tone="success">You won&apos;t get {label} from Slotbook any more.</Flash>
      ) : (
        <Card>
          <p className="text-slate-800">Stop getting {label} from Slotbook?</p>
          <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`} className="mt-4">
            <button type="submit" className={buttonClass("primary")}>
              Unsubscribe from {label}
            </button>
          </form>
        </Card>
      )}
      {textsToo ? <p className="text-sm text-slate-700">Text messages are not affected: they have their own switch.</p> : null}
      <p className="text-sm text-slate-700">
        To turn it back on, or to change anything else, sign in and open your{" "}
        <Link href="/account/preferences" className="text-indigo-700 underline">
          notification preferences
        </Link>
        .
      </p>
    </div>
  );
}
