import { describe, expect, it, vi } from "vitest";
import { AppError } from "./errors";
import { clientIp, errorResponse } from "./http";

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

  it("never shows an unknown error's own text", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("password=hunter2 at db.internal:5432"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe("clientIp", () => {
  const req = (headers: Record<string, string>) => new Request("http://x/", { headers });
  it("uses the address the nearest proxy appended, not what the client claims", () => {
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp(req({ "x-forwarded-for": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp(req({ "x-real-ip": "198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientIp(req({}))).toBe("unknown");
    // Server actions and next-auth hand over bare Headers.
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe("198.51.100.4");
  });
});
