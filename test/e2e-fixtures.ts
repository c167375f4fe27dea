import { timingSafeEqual } from "node:crypto";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "@/db";
import { staffAvailability, staffServices } from "@/db/schema";
import { addStaffMember, createAppointment, createProviderFixture, createUser, type WeeklyHours } from "@/test/fixtures";
import { zonedDateTimeToInstant } from "@/lib/availability";
import { linkify } from "@/lib/infra/outbox/linkify";
import { listMail } from "@/lib/infra/outbox/mailbox";
import { PREFERENCE_KEYS, savePreferences } from "@/lib/notices/preferences";

/*
 * POST /api/test/fixtures: end-to-end journeys build their provider, services, hours, users
 * and appointments here, straight in the database the e2e server owns (PGlite: one process
 * per directory, so the Playwright process cannot open it itself).
 *
 * It exists only on the e2e server: E2E_FIXTURES=1, a per-run E2E_FIXTURES_SECRET that the
 * request repeats in a header, and an embedded database in an e2e directory. Anything else is
 * a 404, as if the route did not exist, so a real deployment never exposes it.
 */

export const FIXTURES_SECRET_HEADER = "x-e2e-fixtures-secret";

export function fixturesEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return (
    env.E2E_FIXTURES === "1" &&
    (env.E2E_FIXTURES_SECRET?.length ?? 0) >= 32 &&
    !env.DATABASE_URL &&
    (env.PGLITE_DIR ?? "").startsWith(".data/e2e-")
  );
}

/** Whether this request may use the fixtures: enabled, and the header matches the run's secret. */
export function fixturesAllowed(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  if (!fixturesEnabled(env)) return false;
  const given = Buffer.from(headers.get(FIXTURES_SECRET_HEADER) ?? "");
  const expected = Buffer.from(env.E2E_FIXTURES_SECRET!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const time = z.string().regex(/^\d{2}:\d{2}$/);
const interval = z.object({ from: time, to: time });
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const providerSchema = z.object({
  kind: z.literal("provider"),
  email: z.email(),
  password: z.string().min(10),
  ownerName: z.string().min(1),
  businessName: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  timezone: z.string().min(1),
  plan: z.enum(["free", "pro"]).default("free"),
  service: z.object({ name: z.string().min(1), durationMinutes: z.number().int().min(5), priceCents: z.number().int().min(0) }),
  /** Per weekday name; default every day 09:00–17:00. */
  hours: z.partialRecord(z.enum(WEEKDAYS), z.array(interval)).optional(),
  profile: z
    .object({
      phone: z.string(),
      cancellationWindowHours: z.number().int(),
      minNoticeMinutes: z.number().int(),
      bookingHorizonDays: z.number().int(),
      requireApproval: z.boolean(),
    })
    .partial()
    .default({}),
});

const appointmentSchema = z.object({
  kind: z.literal("appointment"),
  providerId: z.uuid(),
  serviceId: z.uuid(),
  /** Wall-clock date and time on the provider's clock. */
  date: z.iso.date(),
  time,
  timezone: z.string().min(1),
  minutes: z.number().int().min(5).default(30),
  status: z.enum(["pending", "confirmed", "completed", "cancelled", "no_show"]).default("confirmed"),
  clientName: z.string().min(1),
  clientEmail: z.email(),
  clientPhone: z.string().default(""),
  notes: z.string().default(""),
  /** A registered client's own booking (the portal lists it); default a guest's. */
  clientUserId: z.uuid().optional(),
  staffId: z.uuid().optional(),
});

/** A staff member of a provider, with a staff login when `login` is given. */
const staffSchema = z.object({
  kind: z.literal("staff"),
  providerId: z.uuid(),
  name: z.string().min(1),
  login: z.object({ email: z.email(), password: z.string().min(10) }).optional(),
  /** Services they provide; default none (not bookable online). */
  serviceIds: z.array(z.uuid()).default([]),
  /** Weekly working hours per weekday name; default none. */
  hours: z.partialRecord(z.enum(WEEKDAYS), z.array(interval)).optional(),
});

const userSchema = z.object({
  kind: z.literal("user"),
  role: z.enum(["client", "provider", "staff"]),
  email: z.email(),
  name: z.string().min(1),
  password: z.string().min(10),
  /** A saved phone (the account page's), which the booking form fills in. */
  phone: z.string().optional(),
  /** Notification switches to save (lib/notices/preferences.ts names them); the defaults otherwise. */
  preferences: z.partialRecord(z.enum(PREFERENCE_KEYS as [string, ...string[]]), z.boolean()).optional(),
});

/** Reads, not writes: the mail captured for a recipient, newest first (what /dev/mailbox lists). */
const mailsSchema = z.object({ kind: z.literal("mails"), to: z.email() });

/**
 * Reads, not writes: a digest of every row that belongs to these providers and users (their
 * own rows, and rows in any table keyed by them, their staff or their appointments), so a test
 * can show that a request changed nothing of theirs while other journeys write elsewhere.
 */
const fingerprintSchema = z.object({ kind: z.literal("fingerprint"), providerIds: z.array(z.uuid()), userIds: z.array(z.uuid()) });

export const fixtureRequestSchema = z.discriminatedUnion("kind", [providerSchema, appointmentSchema, userSchema, mailsSchema, fingerprintSchema, staffSchema]);
export type FixtureRequest = z.input<typeof fixtureRequestSchema>;

export async function runFixture(db: Db, input: z.output<typeof fixtureRequestSchema>): Promise<Record<string, unknown>> {
  switch (input.kind) {
    case "provider": {
      const hours: WeeklyHours = input.hours
        ? Object.entries(input.hours).flatMap(([day, intervals]) =>
            intervals.map((i) => ({ weekday: WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1, start: i.from, end: i.to })),
          )
        : WEEKDAYS.map((_, i) => ({ weekday: i + 1, start: "09:00", end: "17:00" }));
      const f = await createProviderFixture(db, {
        owner: { email: input.email.toLowerCase(), name: input.ownerName, password: input.password },
        plan: input.plan,
        // As registration leaves them: the business's email is the owner's, shown and mailed.
        provider: { businessName: input.businessName, slug: input.slug, timezone: input.timezone, email: "", phone: "", address: "", ...input.profile },
        service: input.service,
        hours,
      });
      return {
        owner: { id: f.owner.id, email: f.owner.email, name: f.owner.name },
        provider: { id: f.provider.id, slug: f.provider.slug, businessName: f.provider.businessName, timezone: f.provider.timezone },
        service: { id: f.service.id, name: f.service.name, durationMinutes: f.service.durationMinutes, priceCents: f.service.priceCents },
      };
    }
    case "appointment": {
      const token = randomBytes(32).toString("base64url");
      const a = await createAppointment(db, {
        providerId: input.providerId,
        serviceId: input.serviceId,
        startsAt: zonedDateTimeToInstant(input.date, input.time, input.timezone),
        minutes: input.minutes,
        status: input.status,
        clientName: input.clientName,
        clientEmail: input.clientEmail,
        clientPhone: input.clientPhone,
        notes: input.notes,
        clientUserId: input.clientUserId ?? null,
        staffId: input.staffId ?? null,
        manageToken: token,
      });
      return { id: a.id, start: a.startsAt.toISOString(), end: a.endsAt.toISOString(), managePath: `/bookings/${token}` };
    }
    case "mails": {
      const to = input.to.toLowerCase();
      const mails = (await listMail(db, { to })).filter((m) => m.to.toLowerCase() === to);
      return {
        mails: mails.map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          links: linkify(m.text).flatMap((part) => (part.kind === "link" ? [part.href] : [])),
        })),
      };
    }
    case "staff": {
      const { staff, user } = await addStaffMember(db, input.providerId, {
        name: input.name,
        login: input.login ? { email: input.login.email.toLowerCase(), password: input.login.password } : undefined,
      });
      if (input.serviceIds.length) await db.insert(staffServices).values(input.serviceIds.map((serviceId) => ({ staffId: staff.id, serviceId })));
      const hours = Object.entries(input.hours ?? {}).flatMap(([day, intervals]) =>
        intervals.map((i) => ({ staffId: staff.id, weekday: WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1, startTime: i.from, endTime: i.to })),
      );
      if (hours.length) await db.insert(staffAvailability).values(hours);
      return { id: staff.id, userId: user?.id ?? null };
    }
    case "fingerprint":
      return { tables: await fingerprint(db, input.providerIds, input.userIds) };
    case "user": {
      const u = await createUser(db, { role: input.role, email: input.email.toLowerCase(), name: input.name, password: input.password, phone: input.phone ?? null });
      if (input.preferences) await savePreferences(db, u.id, input.preferences);
      return { id: u.id, email: u.email, name: u.name, role: u.role };
    }
  }
}

/** `= any(…)` over a list of plain words (ids, names): Drizzle would spread an array into `($1, $2)`. */
const anyOf = (words: string[]) => sql`any(string_to_array(${words.join(",")}, ','))`;

const OWNER_COLUMNS = ["provider_id", "user_id", "client_user_id", "owner_id", "staff_id", "appointment_id"];

async function fingerprint(db: Db, providerIds: string[], userIds: string[]): Promise<Record<string, string>> {
  const ids = new Set([...providerIds, ...userIds]);
  const staff = await queryRows<{ id: string }>(db, sql`select id::text from staff_members where provider_id::text = ${anyOf(providerIds)}`);
  const appts = await queryRows<{ id: string }>(db, sql`select id::text from appointments where provider_id::text = ${anyOf(providerIds)} or client_user_id::text = ${anyOf(userIds)}`);
  for (const r of [...staff, ...appts]) ids.add(r.id);
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and column_name = ${anyOf(OWNER_COLUMNS)} order by table_name`,
  );
  const keyed = new Map<string, string[]>([["providers", ["id"]], ["users", ["id"]]]);
  for (const c of columns) keyed.set(c.table_name, [...(keyed.get(c.table_name) ?? []), c.column_name]);
  const idList = [...ids];
  const out: Record<string, string> = {};
  for (const [table, cols] of [...keyed].sort(([a], [b]) => a.localeCompare(b))) {
    const where = sql.join(cols.map((c) => sql`${sql.identifier(c)}::text = ${anyOf(idList)}`), sql` or `);
    const [r] = await queryRows<{ n: number; digest: string }>(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(table)} t where ${where}`,
    );
    out[table] = `${r!.n}:${r!.digest}`;
  }
  return out;
}
