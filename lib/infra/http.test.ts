import { describe, expect, it, vi } from "vitest";
import { AppError } from "./errors";
import { log } from "./log";
import { applyTrustedClientAddress, clientIp, errorResponse, normalizeRequest, requestOrigin, SERVER_ACTION_BODY_LIMIT, serverActionRefusal, trustedClientAddress } from "./http";

describe("errorResponse", () => {
  it("maps AppErrors to their status and message, with fieldErrors on 422", async () => {
    const taken = errorResponse(new AppError("SLOT_TAKEN"));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ error: "Sorry, that time was just taken. Please pick another time." });

    const outside = errorResponse(new AppError("OUTSIDE_HOURS", "Too late", { fieldErrors: { start: ["Too late"] } }));
    expect(outside.status).toBe(422);
    expect(await outside.json()).toEqual({ error: "Too late", fieldErrors: { start: ["Too late"] } });

    expect((await errorResponse(new AppError("VALIDATION")).json()).fieldErrors).toEqual({});
    expect(errorResponse(new AppError("NOT_FOUND")).status).toBe(404);
  });

  it("answers a Postgres data exception (NUL byte, date out of range) with 422, not 500", async () => {
    const nul = Object.assign(new Error("invalid byte sequence for encoding UTF8: 0x00"), { code: "22021" });
    expect(errorResponse(nul).status).toBe(422);
    expect(errorResponse(Object.assign(new Error("date out of range"), { code: "22008" })).status).toBe(422);
  });

  it("never shows an unknown error's own text", async () => {
    const spy = vi.spyOn(log, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("password=hunter2 at db.internal:5432"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
    await vi.waitFor(() => expect(spy).toHaveBeenCalled());
    spy.mockRestore();
  });
});

describe("clientIp", () => {
  const req = (headers: Record<string, string>) => new Request("http://x/", { headers });
  it("uses the address the nearest proxy appended, not what the client claims", () => {
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp(req({ "x-forwarded-for": "198.51.100.4" }))).toBe("198.51.100.4");
    // X-Real-IP is the client's own claim unless a proxy set it: never counted.
    expect(clientIp(req({ "x-real-ip": "198.51.100.9" }))).toBe("unknown");
    expect(clientIp(req({}))).toBe("unknown");
    // Server actions and next-auth hand over bare Headers.
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe("198.51.100.4");
  });
});

describe("trustedClientAddress", () => {
  it("without trusted proxies uses the socket's address, whatever the client wrote", () => {
    expect(trustedClientAddress("203.0.113.7", "1.2.3.4", 0)).toBe("203.0.113.7");
    expect(trustedClientAddress("203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(trustedClientAddress("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", 0)).toBe("203.0.113.7");
    expect(trustedClientAddress("2001:DB8::1", "1.2.3.4", 0)).toBe("2001:db8::1");
  });

  it("rotating X-Forwarded-For values all count as one client", () => {
    const seen = new Set(Array.from({ length: 20 }, (_, i) => trustedClientAddress("203.0.113.7", `10.0.0.${i}`, 0)));
    expect([...seen]).toEqual(["203.0.113.7"]);
  });

  it("behind n trusted proxies takes the entry the outermost one appended", () => {
    // client → proxy A (appends client) → app: socket is A.
    expect(trustedClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4", 1)).toBe("198.51.100.4");
    // client → B → A → app: A appended B's address, B appended the client's.
    expect(trustedClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.0.0.3", 2)).toBe("198.51.100.4");
    // Fewer entries than hops: the leftmost is the best there is.
    expect(trustedClientAddress("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(trustedClientAddress("10.0.0.2", ["198.51.100.4"], 3)).toBe("198.51.100.4");
  });

  it("never passes on text that is not an address", () => {
    expect(trustedClientAddress("10.0.0.2", "evil\u0000, <script>", 1)).toBe("unknown");
    expect(trustedClientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("applyTrustedClientAddress over a real socket", () => {
  async function serve(hops: number) {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      applyTrustedClientAddress(req, hops);
      const h = new Headers(req.headers as Record<string, string>);
      res.end(JSON.stringify({ ip: clientIp(h), host: req.headers["x-forwarded-host"] ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
  }

  it("20 requests with 20 made-up X-Forwarded-For values are one client", async () => {
    const s = await serve(0);
    try {
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const res = await fetch(s.url, { headers: { "x-forwarded-for": `10.0.${i}.1`, "x-real-ip": `10.1.${i}.1`, "x-forwarded-host": "evil.example" } });
        const body = (await res.json()) as { ip: string; host: string | null };
        seen.add(body.ip);
        expect(body.host).toBeNull();
      }
      expect([...seen]).toEqual(["127.0.0.1"]);
    } finally {
      await s.close();
    }
  });

  it("behind one trusted proxy, uses the address that proxy appended", async () => {
    const s = await serve(1);
    try {
      const res = await fetch(s.url, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.4" } });
      expect(((await res.json()) as { ip: string }).ip).toBe("198.51.100.4");
    } finally {
      await s.close();
    }
  });
});

describe("serverActionRefusal (what Next.js would answer with a plain 500)", () => {
  const post = (headers: Record<string, string>, url = "/dashboard/profile") => ({ method: "POST", url, headers: { host: "app.example", ...headers } });

  it("refuses a server-action post from another origin with 403, and lets a same-origin one through", () => {
    expect(serverActionRefusal(post({ origin: "https://evil.example", "next-action": "abc" }))?.status).toBe(403);
    expect(serverActionRefusal(post({ origin: "null" }))?.status).toBe(403);
    expect(serverActionRefusal(post({ origin: "http://app.example", "next-action": "abc" }))).toBeNull();
    // Behind a trusted proxy, the forwarded host is the one the browser saw.
    expect(serverActionRefusal(post({ origin: "https://public.example", "x-forwarded-host": "public.example" }))).toBeNull();
    // No Origin (an old browser, curl): Next.js decides, as before.
    expect(serverActionRefusal(post({}))).toBeNull();
  });

  it("refuses a declared body over the 3 MB action limit with 413; the API and other methods are not its business", () => {
    expect(serverActionRefusal(post({ "content-length": String(4 * 1024 * 1024) }))?.status).toBe(413);
    expect(serverActionRefusal(post({ "content-length": String(SERVER_ACTION_BODY_LIMIT) }))).toBeNull();
    expect(serverActionRefusal(post({ origin: "https://evil.example", "content-length": String(4 * 1024 * 1024) }, "/api/providers/x/bookings"))).toBeNull();
    expect(serverActionRefusal({ method: "GET", url: "/", headers: { host: "app.example", origin: "https://evil.example" } })).toBeNull();
  });
});

describe("normalizeRequest", () => {
  it("turns an absolute-form target into its path, and drops encodings refused with q=0", () => {
    const req = { url: "http://app.example/p/salon?x=1", headers: { "accept-encoding": "gzip;q=0, br;q=0.0, identity" } as Record<string, string> };
    normalizeRequest(req);
    expect(req.url).toBe("/p/salon?x=1");
    expect(req.headers["accept-encoding"]).toBe("identity");
    const ok = { url: "/x", headers: { "accept-encoding": "gzip, deflate;q=0.5" } as Record<string, string> };
    normalizeRequest(ok);
    expect(ok).toEqual({ url: "/x", headers: { "accept-encoding": "gzip, deflate;q=0.5" } });
  });
});

describe("requestOrigin (where Auth.js's redirects point)", () => {
  const APP = "https://book.example.com/ignored";
  const at = (h: Record<string, string>) => requestOrigin(new Headers(h), APP);
  it("is the host the client addressed, never the listening address", () => {
    expect(at({ host: "localhost:3200" })).toBe("http://localhost:3200");
    expect(at({ host: "127.0.0.1:3200", "x-forwarded-host": "127.0.0.1:3200", "x-forwarded-proto": "http" })).toBe("http://127.0.0.1:3200");
    expect(at({ host: "internal:3000", "x-forwarded-host": "Book.Example.com, proxy", "x-forwarded-proto": "https" })).toBe("https://book.example.com");
  });
  it("falls back to APP_URL without a usable host", () => {
    expect(at({})).toBe("https://book.example.com");
    expect(at({ "x-forwarded-host": "0.0.0.0:3200" })).toBe("https://book.example.com");
    expect(at({ host: "[::]:3200" })).toBe("https://book.example.com");
    expect(at({ host: "evil.example/x" })).toBe("https://book.example.com");
    expect(at({ host: "user@evil.example" })).toBe("https://book.example.com");
  });
});
