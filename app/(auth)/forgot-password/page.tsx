import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmailLinkForm } from "@/app/_components/email-link-form";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Forgot your password?</h1>
      <p className="text-slate-700">Enter the email you sign in with and we&apos;ll mail you a link to choose a new password.</p>
      <Card>
        <EmailLinkForm action={forgotPasswordAction} submitLabel="Send me a reset link" />
      </Card>
      <p className="text-center text-sm text-slate-600">
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
