import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/app/guards";
import { VerifyEmailForm } from "./_components/verify-email-form";

export const metadata: Metadata = { title: "Verify email", referrer: "no-referrer" };

/**
 * The link from the verification mail. Opening it changes nothing (mail scanners and link
 * previews fetch links): the token is spent by the button's POST (./actions.ts).
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  return (
    <div className="mx-auto max-w-md">
      <VerifyEmailForm token={token} signedInEmail={user?.email ?? null} alreadyVerified={!!user?.emailVerified} />
    </div>
  );
}
