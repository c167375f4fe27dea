import { ButtonLink } from "@/components/ui/button";

export default function ProviderNotFound() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold text-slate-900">We couldn&apos;t find that business</h1>
      <p className="text-slate-600">The link may be mistyped, or the business may have moved to a new address.</p>
      <ButtonLink href="/" variant="secondary">
        Find a business
      </ButtonLink>
    </div>
  );
}
