import Link from "next/link";
import { toggleFavoriteAction } from "@/app/account/favorites/actions";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/guards";
import { loginPath } from "@/lib/auth/roles";
import { isFavorite } from "@/lib/portal/favorites";

/**
 * Save or remove the business as a favourite (a form post: works without JavaScript). A
 * signed-out visitor is sent to sign in and comes back here; providers and staff see nothing.
 */
export async function FavoriteControl({ providerId, slug, businessName }: { providerId: string; slug: string; businessName: string }) {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <Link href={loginPath(`/p/${slug}#favorite`)} className={buttonClass("secondary")} id="favorite">
        Sign in to save to favourites
      </Link>
    );
  }
  if (user.role !== "client") return null;
  const saved = await isFavorite(await getDb(), user.id, providerId);
  return (
    <form action={toggleFavoriteAction} id="favorite">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="op" value={saved ? "remove" : "add"} />
      <SubmitButton
        variant="secondary"
        aria-pressed={saved}
        aria-label={saved ? `Remove ${businessName} from favourites` : `Save ${businessName} to favourites`}
        pendingLabel="Saving…"
      >
        <span aria-hidden="true">{saved ? "★" : "☆"}</span> {saved ? "Saved to favourites" : "Save to favourites"}
      </SubmitButton>
    </form>
  );
}
