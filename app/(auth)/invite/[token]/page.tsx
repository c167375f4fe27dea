import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { viewInvite } from "@/lib/staff/invites";
import { acceptInviteAction } from "./actions";
import { AcceptInviteForm } from "./_components/accept-invite-form";

export const metadata: Metadata = { title: "Join your team", referrer: "no-referrer" };

/** Opening the link only shows the form: the token is spent by the POST (mail scanners open links). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await viewInvite(await getDb(), token);

  if (!invite.ok) {
    return (
      <div className="mx-auto max-w-md space-y-6">
        <PageHeader title="This invitation can't be used" />
        <Card>
          <p className="text-sm text-slate-700">
            The link is invalid, has expired, was replaced by a newer one or has already been used. Ask the business to send you a new
            invitation.
          </p>
          <p className="mt-3 text-sm">
            <Link href="/login" className="text-indigo-700 underline-offset-2 hover:underline">
              Sign in
            </Link>{" "}
            if you have already set up your login.
          </p>
        </Card>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageHeader title={`Join ${invite.businessName}`} description={`Sign in as ${invite.memberName} to see your appointments.`} />
      <Card>
        {invite.existingAccount === "other" ? (
          <p className="text-sm text-slate-700">
            {invite.email} already has a Slotbook account for booking or for a business, and one login has one role. Ask{" "}
            {invite.businessName} to invite a different email address.
          </p>
        ) : (
          <AcceptInviteForm
            action={acceptInviteAction.bind(null, token)}
            mode={invite.existingAccount === "staff" ? "existing" : "new"}
            email={invite.email}
            name={invite.memberName}
          />
        )}
      </Card>
    </div>
  );
}
