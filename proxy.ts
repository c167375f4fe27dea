import { NextResponse, type NextRequest } from "next/server";
import { isProtectedPath, loginPath, PATH_HEADER } from "@/lib/auth/roles";

// Auth.js session cookie names (with the __Secure- prefix on https; large tokens are chunked ".0", ".1" …).
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Optimistic only: a signed-in area without any session cookie goes straight to /login. The
 * real checks (valid session, role, ownership) are the guards in lib/auth/guards.ts.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (!hasSession && isProtectedPath(pathname)) {
    return NextResponse.redirect(new URL(loginPath(path), request.url));
  }
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, path); // overwrites anything a client sent
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages, server actions and route handlers; not static files or the Auth.js endpoints.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|css|js|map|txt)$).*)"],
};
