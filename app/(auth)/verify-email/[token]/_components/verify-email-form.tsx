"use client";

import { useActionState } from "react";
import { ResendVerificationForm } from "@/app/_components/resend-verification-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { verifyEmailAction, type VerifyEmailState } from "../actions";

const failures = {
  unknown: { title: "This link is invalid", text: "Check that you opened the whole link from the email." },
  expired: { title: "This link has expired", text: "Verification links work for 24 hours." },
  used: { title: "This link has already been used", text: "Each verification link works once." },
} as const;

type Props = { token: string; signedInEmail: string | null; alreadyVerified: boolean };

/** The button that spends the token (a POST), then the outcome; works before JavaScript loads. */
export function VerifyEmailForm({ token, signedInEmail, alreadyVerified }: Props) {
  const [state, action] = useActionState<VerifyEmailState, FormData>(verifyEmailAction, { status: "idle" });

  if (state.status === "verified") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Your email is verified</h1>
        <Flash tone="success">Thanks — {state.email} is confirmed.</Flash>
        {state.linkedAppointments > 0 ? (
          <p className="text-slate-700">
            We added {state.linkedAppointments} earlier booking{state.linkedAppointments === 1 ? "" : "s"} made with this
            email to your account.
          </p>
        ) : null}
        {state.continueHref ? (
          <ButtonLink href={state.continueHref}>Continue</ButtonLink>
        ) : state.signedIn ? null : (
          <ButtonLink href="/login">Sign in</ButtonLink>
        )}
      </div>
    );
  }

  if (state.status === "failed") {
    const failure = failures[state.reason];
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{failure.title}</h1>
        <Card>
          <div className="space-y-4">
            {alreadyVerified ? (
              <p className="text-slate-700">Your email {signedInEmail} is already verified — nothing more to do.</p>
            ) : (
              <p className="text-slate-700">{failure.text}</p>
            )}
            {signedInEmail && !alreadyVerified ? (
              <>
                <p className="text-sm text-slate-600">We can send a new link to {signedInEmail}.</p>
                <ResendVerificationForm />
              </>
            ) : null}
            {!signedInEmail ? (
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

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Verify your email</h1>
      <Card>
        <form action={action} className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <p className="text-slate-700">Confirm that this email address is yours to finish setting up your account.</p>
          <SubmitButton pendingLabel="Verifying…">Verify my email</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
