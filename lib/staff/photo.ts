import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { staffPhotos } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { assertOwnMemberOrThrow } from "./ownership";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export type PhotoType = "image/jpeg" | "image/png" | "image/webp";

/** The image type from the file's first bytes (never its name or the browser's claim). */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** Checks an upload: a field error naming the problem, or the bytes and their type. */
export function checkPhoto(bytes: Uint8Array): { ok: true; type: PhotoType } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "Choose a photo to upload." };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, message: "The photo must be at most 2 MB." };
  const type = detectImageType(bytes);
  if (!type) return { ok: false, message: "The photo must be a JPEG, PNG or WebP image." };
  return { ok: true, type };
}

export async function setStaffPhoto(db: Db, providerId: string, staffId: string, bytes: Uint8Array): Promise<void> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  const checked = checkPhoto(bytes);
  if (!checked.ok) throw new AppError("VALIDATION", checked.message, { fieldErrors: { photo: [checked.message] } });
  await db.transaction(async (tx) => {
    await assertOwnMemberOrThrow(tx, providerId, staffId);
    const values = { contentType: checked.type, data: bytes, byteSize: bytes.length, updatedAt: new Date() };
    await tx
      .insert(staffPhotos)
      .values({ staffId, ...values })
      .onConflictDoUpdate({ target: staffPhotos.staffId, set: values });
  });
}

export async function removeStaffPhoto(db: Db, providerId: string, staffId: string): Promise<void> {
  await assertOwnMemberOrThrow(db, providerId, staffId);
  await db.delete(staffPhotos).where(eq(staffPhotos.staffId, staffId));
}

/** A member's photo for the public route (the booking page shows it). */
export async function getStaffPhoto(db: Db, staffId: string): Promise<{ contentType: string; data: Uint8Array; updatedAt: Date } | null> {
  if (!isUuid(staffId)) return null;
  const [row] = await db
    .select({ contentType: staffPhotos.contentType, data: staffPhotos.data, updatedAt: staffPhotos.updatedAt })
    .from(staffPhotos)
    .where(eq(staffPhotos.staffId, staffId));
  return row ?? null;
}
