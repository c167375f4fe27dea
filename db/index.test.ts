import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { rootOf } from "./index";

describe.each(testDrivers())("a handle's transactions on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("each name the handle they were opened on, savepoints too, so code given only `tx` finds its job queue", async () => {
    expect(rootOf(t.db)).toBe(t.db);
    const seen = await t.db.transaction(async (tx) => {
      const inner = await tx.transaction(async (sp) => [rootOf(sp), await sp.transaction(async (sp2) => rootOf(sp2))]);
      return [rootOf(tx), ...inner];
    });
    expect(seen).toHaveLength(3);
    for (const root of seen) expect(root).toBe(t.db);
  });
});
