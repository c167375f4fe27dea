import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { getCurrentUser } from "@/lib/app/guards";
import { afterSignInPath, safeNextPath } from "@/lib/auth/roles";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined) ?? undefined;
  const user = await getCurrentUser();
  if (user) redirect(afterSignInPath(user.role, next));
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Sign in</h1>
      {sp.registered ? <Flash tone="success">Your account is ready. Please sign in.</Flash> : null}
      {sp.passwordChanged ? <Flash tone="success">Your password has been changed. Please sign in with the new one.</Flash> : null}
      {sp.reset ? <Flash tone="success">Your password is changed and you were signed out everywhere. Please sign in.</Flash> : null}
      {next ? <Flash tone="info">Please sign in to continue.</Flash> : null}
      <Card>
        <LoginForm next={next} />
      </Card>
    </div>
  );
}
