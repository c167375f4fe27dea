import type { Metadata } from "next";
import { ResendVerificationForm } from "@/app/_components/resend-verification-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/lib/runtime";
import { getCurrentUser } from "@/lib/auth/guards";
import { roleHome } from "@/lib/auth/roles";
import { verifyEmail } from "@/lib/auth/verification";

export const metadata: Metadata = { title: "Verify email" };

const failures = {
  unknown: { title: "This link is invalid", text: "Check that you opened the whole link from the email." },
  expired: { title: "This link has expired", text: "Verification links work for 24 hours." },
  used: { title: "This link has already been used", text: "Each verification link works once." },
} as const;

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Opening the link is the confirmation: the token is single-use and only its hash is stored.
  const result = await verifyEmail(await getDb(), token);
  const user = await getCurrentUser();

  if (result.ok) {
    const signedInAsThisUser = user?.id === result.userId;
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Your email is verified</h1>
        <Flash tone="success">Thanks — {result.email} is confirmed.</Flash>
        {result.linkedAppointments > 0 ? (
          <p className="text-slate-700">
            We added {result.linkedAppointments} earlier booking{result.linkedAppointments === 1 ? "" : "s"} made with this
            email to your account.
          </p>
        ) : null}
        {signedInAsThisUser ? (
          <ButtonLink href={roleHome(user.role)}>Continue</ButtonLink>
        ) : user ? null : (
          <ButtonLink href="/login">Sign in</ButtonLink>
        )}
      </div>
    );
  }

  const failure = failures[result.reason];
  const alreadyVerified = user?.emailVerified ? user.email : null;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{failure.title}</h1>
      <Card>
        <div className="space-y-4">
          {alreadyVerified ? (
            <p className="text-slate-700">Your email {alreadyVerified} is already verified — nothing more to do.</p>
          ) : (
            <p className="text-slate-700">{failure.text}</p>
          )}
          {user && !alreadyVerified ? (
            <>
              <p className="text-sm text-slate-600">We can send a new link to {user.email}.</p>
              <ResendVerificationForm />
            </>
          ) : null}
          {!user ? (
            <>
              <p className="text-sm text-slate-600">Sign in to get a new link sent to you.</p>
              <ButtonLink href="/login" variant="secondary">
                Sign in
              </ButtonLink>
            </>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
