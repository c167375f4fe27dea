import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/app/guards";
import { roleHome } from "@/lib/auth/roles";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { DEFAULT_TIMEZONE } from "@/lib/infra/time";
import { timeZoneOptions } from "@/lib/infra/time";
import { RegisterForm } from "./_components/register-form";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getCurrentUser();
  if (user) redirect(roleHome(user.role));
  const { role } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Create your account</h1>
        <p className="mt-1 text-sm text-slate-600">Book appointments, or take bookings for your business.</p>
      </div>
      <Card>
        <RegisterForm
          zones={timeZoneOptions()}
          defaultZone={DEFAULT_TIMEZONE}
          defaultRole={role === "provider" ? "provider" : "client"}
          passwordMin={PASSWORD_MIN_LENGTH}
        />
      </Card>
    </div>
  );
}
