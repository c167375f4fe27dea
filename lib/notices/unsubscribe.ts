import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { unsubscribeTokens, type UnsubscribeTopic } from "@/db/schema";
import { hashToken, newToken } from "@/lib/infra/tokens";
import { env } from "@/lib/infra/env";
import { savePreferences, TOPIC_PREFERENCE } from "./preferences";

/*
 * One-click unsubscribe. Every non-essential mail to an account carries its own random token
 * (only its sha256 is stored) naming the account and the switch it turns off. Spending it
 * needs no sign-in, only a POST: the page's button, or the mail client's RFC 8058 one-click
 * POST to the List-Unsubscribe URL. A GET never changes anything (link scanners follow links).
 */

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export const unsubscribePageUrl = (token: string) => `${env().APP_URL}/unsubscribe/${token}`;
export const unsubscribePostUrl = (token: string) => `${env().APP_URL}/api/unsubscribe/${token}`;

/** Creates a token for one mail, in the caller's transaction; returns the token. */
export async function issueUnsubscribeToken(tx: DbOrTx, userId: string, topic: UnsubscribeTopic): Promise<string> {
  const token = newToken();
  await tx.insert(unsubscribeTokens).values({ tokenHash: hashToken(token), userId, topic });
  return token;
}

/** The headers of a non-essential mail (RFC 2369 + RFC 8058) and the link for its body. */
export function unsubscribeMailParts(token: string): { headers: Record<string, string>; link: string } {
  return {
    headers: {
      "List-Unsubscribe": `<${unsubscribePostUrl(token)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    link: unsubscribePageUrl(token),
  };
}

export type UnsubscribeLookup = { topic: UnsubscribeTopic; used: boolean } | null;

/** What a token would turn off, without changing anything (the page's GET). */
export async function findUnsubscribeToken(db: DbOrTx, token: string): Promise<UnsubscribeLookup> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ topic: unsubscribeTokens.topic, usedAt: unsubscribeTokens.usedAt })
    .from(unsubscribeTokens)
    .where(eq(unsubscribeTokens.tokenHash, hashToken(token)))
    .limit(1);
  return row ? { topic: row.topic, used: row.usedAt !== null } : null;
}

/**
 * Turns off the token's switch. Idempotent: spending a token twice (a mail client's POST and
 * then the button) answers the same topic and changes nothing more. Null for an unknown token.
 */
export async function unsubscribeWithToken(db: DbOrTx, token: string): Promise<{ topic: UnsubscribeTopic } | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(unsubscribeTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(unsubscribeTokens.tokenHash, tokenHash), isNull(unsubscribeTokens.usedAt)))
      .returning({ userId: unsubscribeTokens.userId, topic: unsubscribeTokens.topic });
    if (claimed) {
      await savePreferences(tx, claimed.userId, { [TOPIC_PREFERENCE[claimed.topic]]: false });
      return { topic: claimed.topic };
    }
    const [row] = await tx
      .select({ topic: unsubscribeTokens.topic })
      .from(unsubscribeTokens)
      .where(eq(unsubscribeTokens.tokenHash, tokenHash))
      .limit(1);
    return row ? { topic: row.topic } : null;
  });
}
