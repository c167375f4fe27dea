import { describe, expect, it } from "vitest";
import { isOneLine, isSafeMultiLine, isSaneInstant, isSaneIsoDate, multiLineText, oneLineText, ownValue } from "./text";

describe("text primitives", () => {
  it("one-line fields refuse controls, line/paragraph separators and bidi overrides", () => {
    expect(isOneLine("Zoë O'Brien-Smith 山田")).toBe(true);
    for (const bad of ["Bob\u2028Bcc: x", "a\u2029b", "a\u0000b", "a\nb", "a\rb", "a\tb", "a\u007Fb", "a\u0085b", "Bob\u202Egnp.exe", "a\u2066b\u2069"]) {
      expect(isOneLine(bad), JSON.stringify(bad)).toBe(false);
    }
    const name = oneLineText("Name", { max: 100 });
    expect(name.safeParse("  Bob  ").data).toBe("Bob");
    expect(name.safeParse("Bob\u2028Bcc: x").error?.issues[0]?.message).toBe("Name must be plain text on one line.");
    expect(name.safeParse("").success).toBe(false);
  });

  it("multi-line fields keep line breaks and tabs but refuse NUL and other controls", () => {
    expect(isSafeMultiLine("line 1\nline 2\r\n\tindented")).toBe(true);
    expect(isSafeMultiLine("a\u0000b")).toBe(false);
    expect(isSafeMultiLine("a\u001Bb")).toBe(false);
    expect(multiLineText("Notes", { max: 10 }).safeParse("x".repeat(11)).success).toBe(false);
  });

  it("dates and instants stay within 2000–2100", () => {
    expect(isSaneIsoDate("2026-03-02")).toBe(true);
    for (const bad of ["0000-01-01", "9999-12-31", "2026-02-30", "1999-12-31", "2101-01-01", "2026-3-2", ""]) {
      expect(isSaneIsoDate(bad), bad).toBe(false);
    }
    expect(isSaneInstant("2026-03-02T10:00:00+01:00")).toBe(true);
    expect(isSaneInstant("0000-01-01T00:00:00Z")).toBe(false);
    expect(isSaneInstant("9999-12-31T23:59:59Z")).toBe(false);
  });

  it("lookups by a query value never reach Object.prototype", () => {
    const table = { created: "Created." };
    expect(ownValue(table, "created")).toBe("Created.");
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty", undefined, ["created"]]) {
      expect(ownValue(table, key)).toBeUndefined();
    }
  });
});
