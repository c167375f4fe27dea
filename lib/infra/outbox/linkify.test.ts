import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("turns http(s) URLs into links and keeps the rest as text", () => {
    expect(linkify("Open http://localhost:3000/verify-email/abc_-1 to verify.")).toEqual([
      { kind: "text", text: "Open " },
      { kind: "link", href: "http://localhost:3000/verify-email/abc_-1", text: "http://localhost:3000/verify-email/abc_-1" },
      { kind: "text", text: " to verify." },
    ]);
  });

  it("leaves trailing punctuation out of the link", () => {
    const parts = linkify("Manage it (https://x.example/b/t?a=1).");
    expect(parts[1]).toEqual({ kind: "link", href: "https://x.example/b/t?a=1", text: "https://x.example/b/t?a=1" });
    expect(parts[2]).toEqual({ kind: "text", text: ")." });
  });

  it("never makes links of other schemes, and keeps markup as plain text", () => {
    const parts = linkify('javascript:alert(1) <a href="x">hi</a> <img src=x onerror=alert(1)>');
    expect(parts).toEqual([{ kind: "text", text: 'javascript:alert(1) <a href="x">hi</a> <img src=x onerror=alert(1)>' }]);
  });

  it("stops a URL at quotes and angle brackets", () => {
    const parts = linkify('<https://a.example/x>"https://b.example/y"');
    expect(parts.filter((p) => p.kind === "link").map((p) => (p.kind === "link" ? p.href : ""))).toEqual([
      "https://a.example/x",
      "https://b.example/y",
    ]);
  });
});
