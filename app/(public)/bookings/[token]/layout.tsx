import type { ReactNode } from "react";
import { guestAppointmentOrNotFound } from "@/app/_manage/caller";
import { NoScriptStreaming } from "../../_components/no-script-streaming";

/** Resolves the token above loading.tsx, so an unknown link is a real 404 rather than a streamed page. */
export default async function ManageBookingLayout({ params, children }: { params: Promise<{ token: string }>; children: ReactNode }) {
  const { token } = await params;
  await guestAppointmentOrNotFound(token);
  return (
    <div className="mx-auto max-w-3xl">
      <NoScriptStreaming />
      {children}
    </div>
  );
}
