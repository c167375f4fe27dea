/**
 * `npm run tokens:rotate`: re-seals every stored OAuth token under the current
 * TOKEN_ENCRYPTION_KEY. Rotate by moving the old key to TOKEN_ENCRYPTION_KEYS_OLD, setting a
 * new TOKEN_ENCRYPTION_KEY, running this, then dropping the old key.
 */
import { getDbHandle } from "@/lib/app/runtime";
import { rotateTokenKeys } from "@/lib/calendar/tokens";
import { appKeyring } from "@/lib/infra/crypto";
import { describeDatabase, envOrExit } from "./lib/config";

const e = envOrExit();
const handle = await getDbHandle();
try {
  const ring = appKeyring();
  const { rotated, total } = await rotateTokenKeys(handle.db, ring);
  console.log(`Re-encrypted ${rotated} of ${total} calendar connections under key ${ring.current.id} (${describeDatabase(e)}).`);
} finally {
  await handle.close();
}
