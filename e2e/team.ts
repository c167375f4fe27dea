import type { Page } from "@playwright/test";
import { daysFromToday } from "./dates";
import { uniqueEmail } from "./fixtures";
import { createFixture, signInWithRequest } from "./test-api";

/* The physio clinic the provider's-day journeys start from (schedule.spec.ts, provider-day.spec.ts). */

export const PASSWORD = "schedule-password-1";
export const ZONE = "Europe/London";
const EVERY_DAY = Object.fromEntries(
  ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map((d) => [d, [{ from: "09:00", to: "17:00" }]]),
);

export type Team = { email: string; providerId: string; serviceId: string; sam: string; kim: string; client: { name: string; email: string }; date: string; appointmentId: string };

/** A PRO business (09:00–17:00 daily) with Sam and Kim, and Ann booked with Sam at 10:00 in three days; signed in on `page`. */
export async function team(page: Page, opts: { samLogin?: { email: string; password: string } } = {}): Promise<Team> {
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `sched-owner-${id}@example.com`;
  const p = await createFixture<{ provider: { id: string }; service: { id: string } }>(page.request, {
    kind: "provider",
    email,
    password: PASSWORD,
    ownerName: "Olive Owner",
    businessName: `Physio ${id}`,
    slug: `physio-${id}`,
    timezone: ZONE,
    plan: "pro",
    service: { name: "Physio session", durationMinutes: 30, priceCents: 4000 },
  });
  const member = (name: string, login?: { email: string; password: string }) =>
    createFixture<{ id: string }>(page.request, { kind: "staff", providerId: p.provider.id, name, login, serviceIds: [p.service.id], hours: EVERY_DAY });
  const sam = await member("Sam", opts.samLogin);
  const kim = await member("Kim");
  const date = daysFromToday(3, ZONE);
  const client = { name: "Ann Client", email: uniqueEmail("ann") };
  const a = await createFixture<{ id: string }>(page.request, {
    kind: "appointment",
    providerId: p.provider.id,
    serviceId: p.service.id,
    staffId: sam.id,
    date,
    time: "10:00",
    timezone: ZONE,
    minutes: 30,
    clientName: client.name,
    clientEmail: client.email,
    clientPhone: "+44 20 7946 0001",
  });
  await signInWithRequest(page.request, email, PASSWORD);
  return { email, providerId: p.provider.id, serviceId: p.service.id, sam: sam.id, kim: kim.id, client, date, appointmentId: a.id };
}
