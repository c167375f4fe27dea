import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { pageVersions, providers } from "@/db/schema";
import type { PageScope } from "./policy";

/**
 * The version of what a public page shows, as one string: the business's id and its row in
 * page_versions (bumped by triggers in every writing transaction, drizzle/0009), or the
 * directory's. Null when no business has the slug (Next.js answers: a 404 is not cached).
 * Read before a page is rendered and on every cache hit: a write committed since means another
 * string, so the stored page is never served again, on this instance or any other.
 */
export async function pageFingerprint(db: DbOrTx, scope: { kind: "directory" }): Promise<string>;
export async function pageFingerprint(db: DbOrTx, scope: PageScope): Promise<string | null>;
export async function pageFingerprint(db: DbOrTx, scope: PageScope): Promise<string | null> {
  if (scope.kind === "directory") {
    const [row] = await db.select({ version: pageVersions.version }).from(pageVersions).where(eq(pageVersions.scope, "directory"));
    return `directory@${row?.version ?? 0}`;
  }
  const [row] = await db
    .select({ id: providers.id, version: pageVersions.version })
    .from(providers)
    .leftJoin(pageVersions, eq(pageVersions.scope, sql`'provider:' || ${providers.id}::text`))
    .where(eq(providers.slug, scope.slug))
    .limit(1);
  return row ? `${row.id}@${row.version ?? 0}` : null;
}
