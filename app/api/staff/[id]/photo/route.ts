import { getDb } from "@/lib/app/runtime";
import { getStaffPhoto } from "@/lib/staff/photo";

/**
 * A staff member's photo, from the database (so every app instance serves it). Links carry
 * ?v=<updated-at>, so a versioned URL never changes content and is cached for a year; an
 * unversioned one for five minutes, revalidated by ETag.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const photo = await getStaffPhoto(await getDb(), id);
  if (!photo) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const version = String(photo.updatedAt.getTime());
  const etag = `"${id}-${version}"`;
  const versioned = new URL(request.url).searchParams.get("v") === version;
  const headers = {
    "Content-Type": photo.contentType,
    "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(photo.data), { status: 200, headers });
}
