"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction } from "@/lib/infra/actions";
import { requireRole } from "@/lib/app/guards";
import { addFavorite, removeFavorite } from "@/lib/portal/favorites";

/*
 * Add or remove a favourite: plain form posts that work without JavaScript and land back on
 * the page they came from with a flash in the URL. Both are idempotent.
 */

const favoriteSchema = z.object({ slug: z.string().trim().min(1).max(200), op: z.enum(["add", "remove"]) });

const authoriseClient = async () => ({ db: await getDb(), user: await requireRole("client") });

/** From a business's page (/p/[slug]). */
export const toggleFavoriteAction = flashAction({
  authorise: authoriseClient,
  schema: favoriteSchema,
  call: async ({ db, user }, { slug, op }) => {
    if (op === "add") await addFavorite(db, user.id, slug);
    else await removeFavorite(db, user.id, slug);
    return `favorite=${op === "add" ? "added" : "removed"}&slug=${encodeURIComponent(slug)}`;
  },
  // The slug travels in the query so the redirect can find the page again.
  to: (_ctx, query) => {
    const slug = new URLSearchParams(query).get("slug");
    const flash = new URLSearchParams(query).get("favorite");
    return slug && flash ? `/p/${encodeURIComponent(slug)}?favorite=${flash}#favorite` : `/account/favorites?${query}`;
  },
  revalidate: () => ["/account/favorites"],
});

/** From /account/favorites. */
export const removeFavoriteAction = flashAction({
  authorise: authoriseClient,
  schema: favoriteSchema.pick({ slug: true }),
  call: async ({ db, user }, { slug }) => {
    await removeFavorite(db, user.id, slug);
    return "favorite=removed";
  },
  to: (_ctx, query) => `/account/favorites?${query}`,
  revalidate: () => ["/account/favorites"],
});
