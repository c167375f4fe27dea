import { staffPhotoUrl } from "@/lib/staff/members";

/** A member's photo, or their initials on a tinted circle. */
export function StaffPhoto({ staff, size = 48 }: { staff: { id: string; name: string; photoVersion: number | null }; size?: number }) {
  if (staff.photoVersion !== null) {
    return (
      // A plain img: the photo route already sends caching headers, and sizes are tiny.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={staffPhotoUrl(staff.id, staff.photoVersion)}
        alt={`Photo of ${staff.name}`}
        width={size}
        height={size}
        className="shrink-0 rounded-full object-cover ring-1 ring-slate-200"
        style={{ width: size, height: size }}
      />
    );
  }
  const initials = staff.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return (
    <span
      aria-hidden="true"
      className="inline-flex shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-800"
      style={{ width: size, height: size, fontSize: size / 2.6 }}
    >
      {initials}
    </span>
  );
}
