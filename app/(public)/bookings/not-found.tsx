import { ButtonLink } from "@/components/ui/button";

export default function BookingNotFound() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold text-slate-900">We couldn&apos;t find that booking</h1>
      <p className="text-slate-600">
        The link may be incomplete: please open it again from your confirmation email, copying the whole address.
      </p>
      <ButtonLink href="/" variant="secondary">
        Go to the home page
      </ButtonLink>
    </div>
  );
}
