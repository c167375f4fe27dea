import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { staffAvailability, staffMembers, staffPhotos, staffServices } from "@/db/schema";

/*
 * Northside Physio's team (issue 7, demo data): two physios who share most services and
 * overlapping weekday hours, so "any available" has a choice, and a massage therapist with
 * other services and hours. Priya has a photo and the staff login.
 */

export const DEMO_STAFF_EMAIL = "staff@northside.example";

/** A 48×48 PNG silhouette, small enough to live in the source. */
const DEMO_PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAxklEQVR42u3YOw7CMBCE4TkdLffvaBDHmBRINEDY15gl7C/X0SdLjh+43NhqYEAa0Pl0tQw5yOjIyKCmeFlYpjGasFJjMWElxcLCVzQ7ph8B2T/KV2VMCGv4qZgJIk3Y1BtUq4mZBmQHJZd6EvQwDegvQOX/oSOCCveyMlDJbn/QGeq1yuhPCGI0CYi53KB9EyuqPH70ArEuH+idSQ3yHfJZnQ/0bFKD3DdXKch9t6em+GNDI9DdpAMFX9BExZ/0BjSgAaVBG8kpM8WVqic6AAAAAElFTkSuQmCC", "base64");

type DemoMember = {
  name: string;
  email: string;
  bio: string;
  services: string[];
  hours: { weekdays: number[]; start: string; end: string }[];
  photo?: boolean;
  login?: boolean;
};

const TEAM: DemoMember[] = [
  {
    name: "Priya Shah",
    email: DEMO_STAFF_EMAIL,
    bio: "Sports physiotherapist; knees, shoulders and return-to-run plans.",
    services: ["Initial assessment", "Follow-up session"],
    hours: [{ weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "16:00" }],
    photo: true,
    login: true,
  },
  {
    name: "Marco Diaz",
    email: "marco@northside.example",
    bio: "Musculoskeletal physio with a soft spot for desk-worker backs.",
    services: ["Initial assessment", "Follow-up session", "Sports massage"],
    hours: [{ weekdays: [1, 2, 3, 4, 5], start: "10:00", end: "18:00" }],
  },
  {
    name: "Jordan Lee",
    email: "jordan@northside.example",
    bio: "Massage therapist for athletes and weekend warriors.",
    services: ["Sports massage"],
    hours: [
      { weekdays: [2, 4], start: "12:00", end: "18:00" },
      { weekdays: [6], start: "09:00", end: "13:00" },
    ],
  },
];

/** Seeds the team once: a provider that already has staff is left as it is. */
export async function ensureDemoStaff(tx: Tx, providerId: string, serviceIds: Record<string, string>, staffUserId: string): Promise<void> {
  const existing = await tx.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.providerId, providerId)).limit(1);
  if (existing.length) return;
  for (const [order, m] of TEAM.entries()) {
    const [row] = await tx
      .insert(staffMembers)
      .values({ providerId, name: m.name, email: m.email, bio: m.bio, displayOrder: order, userId: m.login ? staffUserId : null })
      .returning({ id: staffMembers.id });
    const staffId = row!.id;
    const ids = m.services.map((s) => serviceIds[s]).filter((id): id is string => !!id);
    if (ids.length) await tx.insert(staffServices).values(ids.map((serviceId) => ({ staffId, serviceId })));
    await tx
      .insert(staffAvailability)
      .values(m.hours.flatMap((h) => h.weekdays.map((weekday) => ({ staffId, weekday, startTime: h.start, endTime: h.end }))));
    if (m.photo) {
      await tx.insert(staffPhotos).values({ staffId, contentType: "image/png", data: DEMO_PHOTO, byteSize: DEMO_PHOTO.length });
    }
  }
}
