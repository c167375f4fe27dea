import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bookingRequestSchema, slotsQuerySchema } from "./schema";

const valid = {
  serviceId: "3f1c2a9e-8b7d-4c6e-9f01-23456789abcd",
  start: "2026-03-03T10:00:00+01:00",
  name: "  Jane Guest ",
  email: " Jane@Example.COM ",
  phone: "+44 (20) 7946-0958",
};

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : (z.flattenError(r.error).fieldErrors as Record<string, string[]>);
};

describe("bookingRequestSchema", () => {
  it("accepts a valid request, trimming and lower-casing the email, and treating empty optionals as absent", () => {
    const r = bookingRequestSchema.parse({ ...valid, staffId: "", notes: "" });
    expect(r).toEqual({ ...valid, name: "Jane Guest", email: "jane@example.com", staffId: undefined, notes: undefined });
    expect(bookingRequestSchema.parse({ ...valid, start: "2026-03-03T09:00:00Z" }).start).toBe("2026-03-03T09:00:00Z");
  });

  it.each([
    ["email", { email: "jane@" }, "Enter a valid email address"],
    ["name", { name: "" }, "Name is required"],
    ["name", { name: "x".repeat(101) }, "Name must be at most 100 characters"],
    ["name", { name: "Jane\nBcc: x@y.z" }, "Name must be on one line"],
    ["phone", { phone: "1234" }, "Phone must be 5–30 characters: digits, spaces, + - ( )"],
    ["phone", { phone: "1".repeat(31) }, "Phone must be 5–30 characters: digits, spaces, + - ( )"],
    ["phone", { phone: "0800-CALL-ME" }, "Phone must be 5–30 characters: digits, spaces, + - ( )"],
    ["notes", { notes: "x".repeat(1001) }, "Notes must be at most 1000 characters"],
    ["start", { start: "2026-03-03T10:00:00" }, "Start must be a date and time with a UTC offset, e.g. 2026-03-02T10:00:00+01:00"],
    ["start", { start: "tomorrow" }, "Start must be a date and time with a UTC offset, e.g. 2026-03-02T10:00:00+01:00"],
    ["serviceId", { serviceId: "42" }, "Choose a service"],
    ["staffId", { staffId: "bob" }, "Choose a valid staff member"],
  ])("rejects a bad %s: %j", (field, change, message) => {
    expect(errorsOf(bookingRequestSchema, { ...valid, ...change })).toEqual({ [field]: [message] });
  });

  it("names every missing required field", () => {
    expect(errorsOf(bookingRequestSchema, {})).toEqual({
      serviceId: ["Choose a service"],
      start: [expect.stringContaining("UTC offset")],
      name: ["Name is required"],
      email: ["Enter a valid email address"],
      phone: ["Phone must be 5–30 characters: digits, spaces, + - ( )"],
    });
  });
});

describe("slotsQuerySchema", () => {
  const q = { serviceId: valid.serviceId, from: "2026-03-01", to: "2026-03-31" };

  it("accepts a range of up to 62 days, inclusive", () => {
    expect(slotsQuerySchema.safeParse(q).success).toBe(true);
    expect(slotsQuerySchema.safeParse({ ...q, to: "2026-05-01" }).success).toBe(true); // 62 days
    expect(errorsOf(slotsQuerySchema, { ...q, to: "2026-05-02" })).toEqual({ to: ["Ask for at most 62 days at a time"] });
  });

  it("rejects to before from, impossible dates and a bad staff id", () => {
    expect(errorsOf(slotsQuerySchema, { ...q, to: "2026-02-28" })).toEqual({ to: ["To must be on or after From"] });
    expect(errorsOf(slotsQuerySchema, { ...q, from: "2026-02-30" })).toEqual({ from: ["From must be a date written YYYY-MM-DD"] });
    expect(errorsOf(slotsQuerySchema, { ...q, staffId: "nope" })).toEqual({ staffId: ["Choose a valid staff member"] });
    expect(slotsQuerySchema.parse({ ...q, staffId: "" }).staffId).toBeUndefined();
  });
});

describe("hostile text and dates (issue 9)", () => {
  const valid = { serviceId: "0b7c0d5e-8a7b-4c1e-9f00-000000000001", start: "2030-03-02T10:00:00+01:00", name: "Jane", email: "jane@example.com", phone: "+44 20 7946 0000" };
  it.each([
    ["name", { name: "Bob\u2028Bcc: x" }],
    ["name", { name: "Bob\u2029x" }],
    ["name", { name: "Bob\u202Egnp.exe" }],
    ["name", { name: "Bob\u0000" }],
    ["notes", { notes: "a\u0000b" }],
    ["start", { start: "0000-01-01T00:00:00Z" }],
    ["start", { start: "9999-12-31T23:59:59Z" }],
  ])("refuses %s %j with a message, not a write", (field, change) => {
    const r = bookingRequestSchema.safeParse({ ...valid, ...change });
    expect(r.success).toBe(false);
    expect(Object.keys(z.flattenError(r.error!).fieldErrors)).toEqual([field]);
  });

  it("bounds the slots range to years 2000–2100", () => {
    const q = { serviceId: valid.serviceId };
    expect(slotsQuerySchema.safeParse({ ...q, from: "0000-01-01", to: "0000-01-02" }).success).toBe(false);
    expect(slotsQuerySchema.safeParse({ ...q, from: "9999-12-30", to: "9999-12-31" }).success).toBe(false);
    expect(slotsQuerySchema.safeParse({ ...q, from: "2030-01-01", to: "2030-01-02" }).success).toBe(true);
  });
});
