import { and, eq, inArray } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { openDb, type Db, type Tx } from "@/db";
import { migrateDb } from "@/db/migrate";
import { providerHours, providers, services, users } from "@/db/schema";
import { isLocalDatabaseUrl } from "./local-database";
import { DEMO_STAFF_EMAIL, ensureDemoStaff } from "./seed-staff";

/** Shared by every demo login; printed by `npm run dev` and `npm run db:seed`. */
export const DEMO_PASSWORD = "slotbook-demo-1";

export const DEMO_LOGINS = [
  { role: "provider (FREE)", email: "provider@bloom.example", what: "Bloom Hair Studio, /p/bloom-hair" },
  { role: "provider (PRO)", email: "pro@northside.example", what: "Northside Physio, /p/northside-physio" },
  { role: "client", email: "client@example.com", what: "Casey Client" },
  { role: "staff", email: DEMO_STAFF_EMAIL, what: "Priya Shah at Northside Physio, /staff" },
] as const;

type DemoService = { name: string; description: string; durationMinutes: number; priceCents: number };
type DemoHours = { weekdays: number[]; start: string; end: string }[];
type DemoProvider = {
  owner: { email: string; name: string };
  businessName: string;
  slug: string;
  description: string;
  timezone: string;
  /** ISO 4217: the currency its prices are shown in. */
  currency: string;
  phone: string;
  address: string;
  pro: boolean;
  /** Online bookings wait for the provider's confirmation (shows the pending → Confirm flow). */
  requireApproval: boolean;
  services: DemoService[];
  hours: DemoHours;
};

const MON_FRI = [1, 2, 3, 4, 5];

const DEMO_PROVIDERS: DemoProvider[] = [
  {
    owner: { email: "provider@bloom.example", name: "Bea Bloom" },
    businessName: "Bloom Hair Studio",
    slug: "bloom-hair",
    description: "Cuts, colour and blow-dries in a small, friendly studio.",
    timezone: "Europe/London",
    currency: "GBP",
    phone: "+44 20 7946 0000",
    address: "12 Market Street, London",
    pro: false,
    // Benchmarks book Bloom and expect confirmed bookings: keep approval off here.
    requireApproval: false,
    services: [
      { name: "Haircut", description: "Wash, cut and finish.", durationMinutes: 30, priceCents: 3500 },
      { name: "Colour", description: "Full colour with a gloss.", durationMinutes: 90, priceCents: 8500 },
      { name: "Blow-dry", description: "Wash and blow-dry.", durationMinutes: 45, priceCents: 2500 },
    ],
    hours: [
      { weekdays: MON_FRI, start: "09:00", end: "12:00" },
      { weekdays: MON_FRI, start: "13:00", end: "17:00" },
      { weekdays: [6], start: "10:00", end: "14:00" },
    ],
  },
  {
    owner: { email: "pro@northside.example", name: "Nia North" },
    businessName: "Northside Physio",
    slug: "northside-physio",
    description: "Physiotherapy and sports massage for every body.",
    timezone: "America/New_York",
    currency: "USD",
    phone: "+1 212 555 0100",
    address: "480 Northside Avenue, New York, NY",
    pro: true,
    requireApproval: true,
    services: [
      { name: "Initial assessment", description: "History, assessment and a plan.", durationMinutes: 60, priceCents: 12000 },
      { name: "Follow-up session", description: "Treatment and exercises.", durationMinutes: 45, priceCents: 9000 },
      { name: "Sports massage", description: "Deep-tissue massage.", durationMinutes: 30, priceCents: 6000 },
    ],
    hours: [
      { weekdays: MON_FRI, start: "08:00", end: "18:00" },
      { weekdays: [6], start: "09:00", end: "13:00" },
    ],
  },
];

const DEMO_CLIENT = { email: "client@example.com", name: "Casey Client" };

export type SeedResult = {
  /** provider slug → { id, services: service name → id } */
  providers: Record<string, { id: string; services: Record<string, string> }>;
  clientId: string;
};

/**
 * Demo data, idempotent: users are found by email and providers by slug, and only what is
 * missing is created, so re-running (every `npm run dev`) never duplicates rows nor undoes
 * what someone changed through the app (a provider's services and hours are seeded only when
 * it has none).
 */
export async function seedDemo(db: Db, now = new Date()): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const result: SeedResult = { providers: {}, clientId: "" };
    for (const p of DEMO_PROVIDERS) {
      const ownerId = await ensureUser(tx, { ...p.owner, role: "provider", passwordHash }, now);
      const providerId = await ensureProvider(tx, p, ownerId, now);
      result.providers[p.slug] = { id: providerId, services: await ensureServicesAndHours(tx, providerId, p) };
    }
    result.clientId = await ensureUser(tx, { ...DEMO_CLIENT, role: "client", passwordHash }, now);
    const staffUserId = await ensureUser(tx, { email: DEMO_STAFF_EMAIL, name: "Priya Shah", role: "staff", passwordHash }, now);
    const northside = result.providers["northside-physio"]!;
    await ensureDemoStaff(tx, northside.id, northside.services, staffUserId);
    return result;
  });
}

async function ensureUser(
  tx: Tx,
  u: { email: string; name: string; role: "client" | "provider" | "staff"; passwordHash: string },
  now: Date,
): Promise<string> {
  await tx
    .insert(users)
    .values({ email: u.email, name: u.name, role: u.role, passwordHash: u.passwordHash, emailVerifiedAt: now })
    .onConflictDoNothing({ target: users.email });
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, u.email));
  return row!.id;
}

async function ensureProvider(tx: Tx, p: DemoProvider, ownerId: string, now: Date): Promise<string> {
  const proUntil = new Date(now.getTime());
  proUntil.setUTCFullYear(proUntil.getUTCFullYear() + 1);
  await tx
    .insert(providers)
    .values({
      ownerId,
      businessName: p.businessName,
      slug: p.slug,
      description: p.description,
      timezone: p.timezone,
      phone: p.phone,
      email: p.owner.email,
      address: p.address,
      plan: p.pro ? "pro" : "free",
      proUntil: p.pro ? proUntil : null,
      // Only on insert: an existing provider keeps whatever it chose in its profile.
      requireApproval: p.requireApproval,
      currency: p.currency,
    })
    .onConflictDoNothing();
  const [row] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.slug, p.slug));
  // Nothing inserted and nothing found: the demo owner already owns another business.
  if (!row) throw new Error(`Cannot seed ${p.slug}: ${p.owner.email} already owns a different provider`);
  return row.id;
}

async function ensureServicesAndHours(tx: Tx, providerId: string, p: DemoProvider): Promise<Record<string, string>> {
  const existing = await tx
    .select({ id: services.id })
    .from(services)
    .where(eq(services.providerId, providerId))
    .limit(1);
  if (existing.length === 0) {
    await tx.insert(services).values(p.services.map((s) => ({ ...s, providerId })));
  }
  const hasHours = await tx
    .select({ id: providerHours.id })
    .from(providerHours)
    .where(eq(providerHours.providerId, providerId))
    .limit(1);
  if (hasHours.length === 0) {
    await tx
      .insert(providerHours)
      .values(p.hours.flatMap((h) => h.weekdays.map((weekday) => ({ providerId, weekday, startTime: h.start, endTime: h.end }))));
  }
  const rows = await tx
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.providerId, providerId), inArray(services.name, p.services.map((s) => s.name))));
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

/** The lines `npm run dev` and `npm run db:seed` print. */
export function demoLoginsText(): string {
  const width = Math.max(...DEMO_LOGINS.map((l) => l.email.length));
  const lines = DEMO_LOGINS.map((l) => `  ${l.email.padEnd(width)}  ${l.role.padEnd(15)}  ${l.what}`);
  return [`Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines].join("\n");
}

/**
 * A database of its own for a test or bench server: migrates and seeds the demo data, then
 * closes it (PGlite: one process per directory). Refuses anything but a local server.
 */
export async function prepareDatabase(target: { dir: string } | { url: string }): Promise<SeedResult> {
  if ("url" in target && !isLocalDatabaseUrl(target.url)) throw new Error("Refusing to seed a non-local database");
  const handle = await openDb(target);
  try {
    await migrateDb(handle);
    return await seedDemo(handle.db);
  } finally {
    await handle.close();
  }
}
