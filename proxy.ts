import { NextResponse, type NextRequest } from "next/server";
import { isProtectedPath, loginPath, PATH_HEADER } from "@/lib/auth/roles";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { pageNonce } from "@/lib/page-cache/policy";
import { contentSecurityPolicy } from "@/lib/infra/security-headers";

/**
 * Optimistic only: a signed-in area without any session cookie goes straight to /login. The
 * real checks (valid session, role, ownership) are the guards in lib/app/guards.ts. Every
 * page also gets its Content-Security-Policy with a fresh nonce here (the public pages' cache
 * renders with its own placeholder, and puts a fresh nonce in every answer: lib/page-cache).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  const hasSession = hasSessionCookie(request.cookies.getAll());
  if (!hasSession && isProtectedPath(pathname)) {
    return NextResponse.redirect(new URL(loginPath(path), request.url));
  }
  const nonce = pageNonce(request.headers);
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, path); // overwrites anything a client sent
  headers.set("x-nonce", nonce);
  // Ties this request's log lines together (lib/infra/log.ts); never the client's own value.
  headers.set("x-request-id", crypto.randomUUID().slice(0, 8));
  // Next.js takes the nonce for its own scripts from the request's CSP header.
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  // A route that sets its own, stricter policy keeps it (the staff photo: default-src 'none').
  if (!OWN_POLICY.test(pathname)) response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** Route handlers that answer with their own Content-Security-Policy. */
const OWN_POLICY = /^\/api\/staff\/[^/]+\/photo\/?$/;

export const config = {
  // Every path but the build's static files and the Auth.js endpoints: a page at a path that
  // looks like a file ("/invite/abc.js") is still a page and gets its policy (there is no
  // public/ folder, so nothing else ends in an extension).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth).*)"],
};
