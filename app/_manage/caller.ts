import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Db } from "@/db";
import { getCurrentUser, requireUser } from "@/lib/app/guards";
import { getDb } from "@/lib/app/runtime";
import { getAppointmentByToken, type Actor, type AppointmentView } from "@/lib/booking/read";
import { AppError } from "@/lib/infra/errors";
import { getOwnAppointment } from "@/lib/portal/appointment";

/*
 * Who may manage an appointment, and how they prove it: a guest by the token of their manage
 * link (the link is their whole authority), a client by being signed in as its owner. This is
 * the one difference between the guest's page (/bookings/[token]) and the client's
 * (/account/appointments/[id]); the page (manage-appointment.tsx) and its actions (actions.ts)
 * are the same for both.
 */

/** The caller of the manage surface, as a page knows it from its route. */
export type ManageCaller = { by: "guest"; token: string } | { by: "client"; appointmentId: string };

/** The surface's own page for this caller. */
export function managePath(caller: ManageCaller): string {
  return caller.by === "guest" ? `/bookings/${encodeURIComponent(caller.token)}` : `/account/appointments/${caller.appointmentId}`;
}

/** What a page binds to the surface's actions: `by`, and the token or the appointment's id. */
export const boundCaller = (caller: ManageCaller): [by: string, key: string] =>
  caller.by === "guest" ? ["guest", caller.token] : ["client", caller.appointmentId];

/** The appointment behind a manage link, once per request (layout and page share it); unknown → 404. */
export const guestAppointmentOrNotFound = cache(async (token: string): Promise<AppointmentView> => {
  const appointment = await getAppointmentByToken(await getDb(), token);
  if (!appointment) notFound();
  return appointment;
});

/**
 * The signed-in client's own appointment, for the appointment page and its rebook page. Not
 * requireRole: a provider or staff login, a wrong id and someone else's id all get the same 404.
 */
export async function ownAppointmentOrNotFound(id: string): Promise<AppointmentView> {
  const a = await getOwnAppointment(await getDb(), await getCurrentUser(), id);
  if (!a) notFound();
  return a;
}

/** What the surface's actions run with once the caller is proven. */
export type ProvenCaller = {
  db: Db;
  appointment: AppointmentView;
  actor: Actor;
  /** The signed-in client; null for a guest. */
  userId: string | null;
  path: string;
  revalidate: string[];
};

/**
 * Proves the caller of an action from what the page bound to it. Bound values come back from
 * the browser, so each is checked again: the appointment is found by the token, or by the id AND
 * the signed-in client, never by anything else in the form. Anything else is NOT_FOUND.
 */
export async function proveCaller(by: string, key: string): Promise<ProvenCaller> {
  if (by === "guest") {
    const db = await getDb();
    const appointment = await getAppointmentByToken(db, key);
    if (!appointment) throw new AppError("NOT_FOUND", "We couldn't find that appointment. The link may be incomplete.");
    const path = managePath({ by, token: key });
    return { db, appointment, actor: { kind: "guest", token: key }, userId: null, path, revalidate: [path] };
  }
  if (by === "client") {
    const user = await requireUser();
    const db = await getDb();
    const appointment = await getOwnAppointment(db, user, key);
    if (!appointment) notFound();
    const path = managePath({ by, appointmentId: appointment.id });
    return { db, appointment, actor: { kind: "client", userId: user.id }, userId: user.id, path, revalidate: ["/account", path] };
  }
  throw new AppError("NOT_FOUND");
}
