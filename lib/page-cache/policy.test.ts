import { afterEach, describe, expect, it } from "vitest";
import { cacheablePage, pageNonce, RENDER_NONCE_ENV, RENDER_NONCE_HEADER } from "./policy";

const guest = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ method, url, headers: { host: "book.example", ...headers } });

describe("which requests the page cache may answer", () => {
  it("takes a guest's document requests for the directory, a business's page and its booking page", () => {
    expect(cacheablePage(guest("/"))).toEqual({ key: "book.example/", scope: { kind: "directory" }, refresh: false });
    expect(cacheablePage(guest("/?q=hair"))?.key).toBe("book.example/?q=hair");
    expect(cacheablePage(guest("/", { "x-forwarded-proto": "https", "x-forwarded-host": "slotbook.example" }))?.key).toBe(
      "https://slotbook.example book.example/",
    );
    expect(cacheablePage(guest("/p/bloom-hair"))?.scope).toEqual({ kind: "provider", slug: "bloom-hair" });
    expect(cacheablePage(guest("/p/bloom-hair/book?serviceId=1&date=2026-12-01"))).toMatchObject({
      key: "book.example/p/bloom-hair/book?serviceId=1&date=2026-12-01",
      scope: { kind: "provider", slug: "bloom-hair" },
    });
  });

  it("leaves every other route to Next.js", () => {
    for (const url of ["/login", "/account", "/dashboard", "/api/health", "/p/bloom-hair/", "/p/a/b", "/bookings/abc", "/p/%E0%A4%A/book"]) {
      expect(cacheablePage(guest(url)), url).toBeNull();
    }
  });

  it("never takes a signed-in request, a write, the router's own requests, a crawler or the cache's own render", () => {
    expect(cacheablePage(guest("/p/x", { cookie: "theme=dark; authjs.session-token=abc" }))).toBeNull();
    expect(cacheablePage(guest("/p/x", { cookie: "__Secure-authjs.session-token.0=abc" }))).toBeNull();
    expect(cacheablePage(guest("/p/x", {}, "POST"))).toBeNull();
    expect(cacheablePage(guest("/p/x", {}, "HEAD"))).toBeNull();
    expect(cacheablePage(guest("/p/x", { rsc: "1" }))).toBeNull();
    expect(cacheablePage(guest("/p/x?_rsc=abc"))).toBeNull();
    expect(cacheablePage(guest("/p/x", { "next-router-prefetch": "1" }))).toBeNull();
    expect(cacheablePage(guest("/p/x/book", { "next-action": "abc" }))).toBeNull();
    expect(cacheablePage(guest("/p/x", { [RENDER_NONCE_HEADER]: "anything" }))).toBeNull();
    expect(cacheablePage(guest("/p/x", { "user-agent": "Mozilla/5.0 (compatible; Bingbot/2.0)" }))).toBeNull();
    expect(cacheablePage(guest("/p/x", { "user-agent": "facebookexternalhit/1.1" }))).toBeNull();
    expect(cacheablePage(guest("/p/x", { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1" }))).not.toBeNull();
    // Other cookies (Auth.js's CSRF cookie on a guest who opened /login) change nothing these pages show.
    expect(cacheablePage(guest("/p/x", { cookie: "authjs.csrf-token=abc" }))).not.toBeNull();
  });

  it("renders afresh for a hard reload", () => {
    expect(cacheablePage(guest("/p/x", { "cache-control": "no-cache" }))?.refresh).toBe(true);
    expect(cacheablePage(guest("/p/x", { pragma: "no-cache" }))?.refresh).toBe(true);
    expect(cacheablePage(guest("/p/x", { "cache-control": "max-age=0" }))?.refresh).toBe(false);
  });
});

describe("the nonce proxy.ts gives a page", () => {
  afterEach(() => {
    delete process.env[RENDER_NONCE_ENV];
  });

  it("is fresh for every request, whatever a client names", () => {
    process.env[RENDER_NONCE_ENV] = "placeholder-secret";
    const a = pageNonce(new Headers());
    const b = pageNonce(new Headers({ [RENDER_NONCE_HEADER]: "guessed" }));
    expect(a).not.toBe(b);
    expect([a, b]).not.toContain("placeholder-secret");
    expect([a, b]).not.toContain("guessed");
  });

  it("is the cache's placeholder only on the request that carries it", () => {
    process.env[RENDER_NONCE_ENV] = "placeholder-secret";
    expect(pageNonce(new Headers({ [RENDER_NONCE_HEADER]: "placeholder-secret" }))).toBe("placeholder-secret");
    delete process.env[RENDER_NONCE_ENV];
    expect(pageNonce(new Headers({ [RENDER_NONCE_HEADER]: "" }))).not.toBe("");
  });
});
