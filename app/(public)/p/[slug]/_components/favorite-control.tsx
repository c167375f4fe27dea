import Link from "next/link";
import { toggleFavoriteAction } from "@/app/account/favorites/actions";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { loginPath } from "@/lib/auth/roles";

/** Signed out, a client's saved or not, or nothing (providers and staff have no favourites). */
export type FavoriteState = "signed-out" | "saved" | "not-saved" | "none";

/**
 * Save or remove the business as a favourite (a form post: works without JavaScript). A
 * signed-out visitor is sent to sign in and comes back here.
 */
export function FavoriteControl({ state, slug, businessName }: { state: FavoriteState; slug: string; businessName: string }) {
  if (state === "none") return null;
  if (state === "signed-out") {
    return (
      <Link href={loginPath(`/p/${slug}#favorite`)} className={buttonClass("secondary")} id="favorite">
        Sign in to save to favourites
      </Link>
    );
  }
  const saved = state === "saved";
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
