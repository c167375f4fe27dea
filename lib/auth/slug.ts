/** A URL slug from a business name: "Café Zoë & Co." → "cafe-zoe-co". Never empty. */
export function slugify(name: string, maxLength = 60): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents split off by NFKD
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug || "provider";
}

/**
 * The first free slug for `base` given the taken ones: base, base-2, base-3 …
 * (a starting guess only; the unique index decides under races).
 */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!set.has(candidate)) return candidate;
  }
}
