import { ButtonLink } from "@/components/ui/button";

/** Shown (status 403) when a signed-in user opens an area of another role: forbidden() in lib/auth/guards.ts. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold text-slate-900">You don&apos;t have access to this page</h1>
      <p className="text-slate-600">This area belongs to a different kind of account.</p>
      <ButtonLink href="/" variant="secondary">
        Go to the home page
      </ButtonLink>
    </div>
  );
}
