import Link from "next/link";
import type { BookableMember } from "@/lib/booking/staff-load";
import { StaffPhoto } from "./staff-photo";

/** The booking page's staff step: "Any available" first, then each member with photo and bio. Plain links: works without JavaScript. */
export function StaffChoice({ team, hrefFor }: { team: BookableMember[]; hrefFor: (staffId: string) => string }) {
  const item = "flex items-center gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-indigo-400 focus-visible:ring-2 focus-visible:ring-indigo-600";
  return (
    <section aria-labelledby="choose-staff" className="space-y-4">
      <h2 id="choose-staff" className="text-lg font-semibold text-slate-900">
        Choose who you&apos;d like to see
      </h2>
      <ul className="space-y-3" aria-label="Staff">
        <li>
          <Link href={hrefFor("any")} className={item}>
            <span aria-hidden="true" className="inline-flex size-12 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xl text-slate-600">
              ✦
            </span>
            <span className="min-w-0">
              <span className="block font-semibold text-slate-900">Any available</span>
              <span className="block text-sm text-slate-600">The first free time with whoever is available.</span>
            </span>
          </Link>
        </li>
        {team.map((m) => (
          <li key={m.id}>
            <Link href={hrefFor(m.id)} className={item}>
              <StaffPhoto staff={m} />
              <span className="min-w-0">
                <span className="block font-semibold text-slate-900">{m.name}</span>
                {m.bio ? <span className="block whitespace-pre-line break-words text-sm text-slate-600">{m.bio}</span> : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
