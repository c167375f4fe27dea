export type TextPart = { kind: "text"; text: string } | { kind: "link"; href: string; text: string };

// http(s) URLs up to whitespace or an angle bracket/quote; trailing punctuation is left as text.
const URL_RE = /https?:\/\/[^\s<>"']+/g;
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Splits plain text into text and http(s) link parts, so a mail body can be rendered as React
 * text with <a> elements — never as HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0];
    const trail = raw.match(TRAILING)?.[0] ?? "";
    const href = raw.slice(0, raw.length - trail.length);
    const start = m.index;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    if (href.length > "https://".length) parts.push({ kind: "link", href, text: href });
    else parts.push({ kind: "text", text: href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
