// Auth.js session cookie names (with the __Secure- prefix on https; large tokens are chunked ".0", ".1" …).
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Whether a request carries an Auth.js session cookie at all. Without one there is no session
 * to read: the proxy sends signed-in areas to /login, and getCurrentUser answers null without
 * asking Auth.js (which makes a CSRF token, a SHA-256, on every call).
 */
export function hasSessionCookie(cookies: readonly { name: string }[]): boolean {
  return cookies.some((c) => SESSION_COOKIE.test(c.name));
}
