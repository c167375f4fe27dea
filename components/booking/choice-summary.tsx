import Link from "next/link";
import type { ReactNode } from "react";

export type Choice = { label: string; value: ReactNode; changeHref?: string; changeLabel?: string };

/** What has been chosen so far, each with a link back to change it. */
export function ChoiceSummary({ choices }: { choices: Choice[] }) {
  return (
    <dl className="divide-y divide-slate-100 rounded-lg bg-slate-50 px-4 text-sm ring-1 ring-slate-200">
      {choices.map((c) => (
        <div key={c.label} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5">
          <dt className="w-16 shrink-0 font-medium text-slate-600">{c.label}</dt>
          <dd className="min-w-0 flex-1 text-slate-900">{c.value}</dd>
          {c.changeHref ? (
            <dd>
              <Link href={c.changeHref} className="font-medium text-indigo-700 hover:underline">
                {c.changeLabel ?? (
                  <>
                    Change<span className="sr-only"> {c.label.toLowerCase()}</span>
                  </>
                )}
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
