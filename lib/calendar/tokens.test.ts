import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { calendarIntegrations } from "@/db/schema";
import { keyringFrom, sealedKeyId } from "@/lib/infra/crypto";
import { proProvider } from "@/test/calendar";
import { openTokens, rotateTokenKeys, sealTokens } from "./tokens";

describe.each(testDrivers())("token key rotation on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("re-seals every token under the new key and leaves them readable", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const f = await proProvider(t.db);
    await t.db.insert(calendarIntegrations).values({
      providerId: f.provider.id,
      googleEmail: "rotate@gmail.test",
      scopes: "email",
      ...sealTokens({ providerId: f.provider.id }, { accessToken: "access-1", refreshToken: "refresh-1" }, keyringFrom(oldKey)),
    });
    const ring = keyringFrom(newKey, oldKey);
    expect(await rotateTokenKeys(t.db, ring)).toEqual({ rotated: 1, total: 1 });
    const [row] = await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, f.provider.id));
    expect(sealedKeyId(row!.accessTokenEnc)).toBe(ring.current.id);
    expect(sealedKeyId(row!.refreshTokenEnc)).toBe(ring.current.id);
    // Readable with the new key alone: the old one can be dropped.
    expect(openTokens(row!, keyringFrom(newKey))).toMatchObject({ access_token: "access-1", refresh_token: "refresh-1" });
    expect(await rotateTokenKeys(t.db, ring)).toEqual({ rotated: 0, total: 1 });
  });

  it("refuses a token sealed for another provider (copied between rows)", async () => {
    const key = keyringFrom(randomBytes(32).toString("base64"));
    const a = await proProvider(t.db);
    const b = await proProvider(t.db);
    const sealedForA = sealTokens({ providerId: a.provider.id }, { accessToken: "x", refreshToken: "y" }, key);
    expect(() => openTokens({ providerId: b.provider.id, ...sealedForA, accessTokenExpiresAt: null }, key)).toThrow();
  });
});
