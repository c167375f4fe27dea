"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { addFavorite, removeFavorite } from "@/lib/portal/favorites";

/*
 * Add or remove a favourite: plain form posts that work without JavaScript and land back
 * where they were posted from with a flash in the URL. Both are idempotent.
 */

const favoriteSchema = z.object({
  slug: z.string().trim().min(1).max(200),
  op: z.enum(["add", "remove"]),
  back: z.enum(["provider", "favorites"]).default("provider"),
});

export async function toggleFavoriteAction(formData: FormData): Promise<void> {
  const user = await requireRole("client");
  const parsed = favoriteSchema.safeParse({
    slug: formData.get("slug"),
    op: formData.get("op"),
    back: formData.get("back") ?? undefined,
  });
  if (!parsed.success) redirect("/account/favorites?error=invalid");
  const { slug, op, back } = parsed.data;
  const db = await getDb();
  try {
    if (op === "add") await addFavorite(db, user.id, slug);
    else await removeFavorite(db, user.id, slug);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") redirect("/account/favorites?error=unknown");
    throw e;
  }
  revalidatePath("/account/favorites");
  revalidatePath(`/p/${slug}`);
  const flash = op === "add" ? "favorite=added" : "favorite=removed";
  redirect(back === "favorites" ? `/account/favorites?${flash}` : `/p/${encodeURIComponent(slug)}?${flash}#favorite`);
}
