import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/app/runtime";
import { checkResetToken } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

const problems = {
  unknown: { title: "This link is invalid", text: "Check that you opened the whole link from the email." },
  expired: { title: "This link has expired", text: "Reset links work for 1 hour." },
  used: { title: "This link has already been used", text: "Each reset link works once." },
} as const;

/** The mailed reset link: opening it spends nothing; the form's POST does. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await checkResetToken(await getDb(), token);
  if (state !== "valid") {
    const p = problems[state];
    return (
      <div className="mx-auto max-w-sm space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{p.title}</h1>
        <p className="text-slate-700">{p.text}</p>
        <ButtonLink href="/forgot-password">Get a new link</ButtonLink>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Choose a new password</h1>
      <p className="text-slate-700">After this, you&apos;ll be signed out everywhere and can sign in with the new password.</p>
      <Card>
        <ResetPasswordForm token={token} />
      </Card>
    </div>
  );
}
