import { describe, expect, it } from "vitest";
import { PageStore, toStoredPage, withNonce } from "./store";

const PLACEHOLDER = "PLACEHOLDER==";
const rendered = (body: string) => ({
  status: 200,
  headers: [
    ["content-type", ["text/html; charset=utf-8"]],
    ["content-security-policy", [`script-src 'self' 'nonce-${PLACEHOLDER}' 'strict-dynamic'`]],
  ] as [string, string[]][],
  body,
});
const page = (body: string, fingerprint = "p@1", expiresAt = 1_000) => toStoredPage(rendered(body), PLACEHOLDER, fingerprint, expiresAt);

describe("a stored page", () => {
  it("answers with the nonce it is given, in the CSP header and every script, and nothing of the render's", () => {
    const p = page(`<script nonce="${PLACEHOLDER}">a()</script><p>Café</p><script nonce="${PLACEHOLDER}">b()</script>`);
    const one = withNonce(p, PLACEHOLDER, "first");
    const two = withNonce(p, PLACEHOLDER, "second");
    expect(one.body.toString()).toBe(`<script nonce="first">a()</script><p>Café</p><script nonce="first">b()</script>`);
    expect(two.body.toString()).toContain(`nonce="second"`);
    expect(one.headers).toContainEqual(["content-security-policy", ["script-src 'self' 'nonce-first' 'strict-dynamic'"]]);
    expect(JSON.stringify([one, two].map((a) => [a.headers, a.body.toString()]))).not.toContain(PLACEHOLDER);
  });
});

describe("the page store", () => {
  it("serves a page only under the version it was rendered for, and until it expires", () => {
    let now = 0;
    const store = new PageStore(1_000_000, () => now);
    store.set("k", page("<p>v1</p>", "p@1", 100));
    expect(store.get("k", "p@1")).not.toBeNull();
    expect(store.get("k", "p@2")).toBeNull();
    // A newer version dropped it: the old one is not back either.
    expect(store.get("k", "p@1")).toBeNull();
    store.set("k", page("<p>v2</p>", "p@2", 100));
    now = 99;
    expect(store.get("k", "p@2")).not.toBeNull();
    now = 100;
    expect(store.get("k", "p@2")).toBeNull();
    expect(store.size).toEqual({ pages: 0, bytes: 0 });
  });

  it("keeps within its byte budget, dropping the least recently used first", () => {
    const one = page("x".repeat(300));
    const store = new PageStore(one.bytes * 2, () => 0);
    store.set("a", one);
    store.set("b", page("x".repeat(300)));
    expect(store.get("a", "p@1")).not.toBeNull(); // a is now the most recently used
    store.set("c", page("x".repeat(300)));
    expect(store.get("b", "p@1")).toBeNull();
    expect(store.get("a", "p@1")).not.toBeNull();
    expect(store.get("c", "p@1")).not.toBeNull();
    expect(store.size.bytes).toBeLessThanOrEqual(one.bytes * 2);
    store.set("huge", page("x".repeat(one.bytes * 3)));
    expect(store.get("huge", "p@1")).toBeNull();
  });
});
