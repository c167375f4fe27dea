import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { createProviderFixture, createUser } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { addFavorite, isFavorite, removeFavorite } from "./favorites";

describe.each(testDrivers())("favourites on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("removing a favourite removes only the client's own, never another client's of the same business", async () => {
    const f = await createProviderFixture(t.db);
    const me = await createUser(t.db, { role: "client" });
    const other = await createUser(t.db, { role: "client" });
    await addFavorite(t.db, me.id, f.provider.slug);
    await addFavorite(t.db, other.id, f.provider.slug);
    await removeFavorite(t.db, me.id, f.provider.slug);
    expect(await isFavorite(t.db, me.id, f.provider.id)).toBe(false);
    expect(await isFavorite(t.db, other.id, f.provider.id)).toBe(true);
  });
});
