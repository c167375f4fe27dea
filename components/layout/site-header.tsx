import Link from "next/link";

/** The site header. The signed-in user's name and their role's menu are added by the auth work. */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-bold text-indigo-700">
          Slotbook
        </Link>
      </div>
    </header>
  );
}
