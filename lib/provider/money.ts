/** Prices are whole cents in the database and a decimal ("12.50") in forms. */
export const MAX_PRICE_CENTS = 100_000_000;

/** "12", "12.5", "12.50" → cents; anything else (negative, 3 decimals, text) → null. */
export function parsePriceToCents(input: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return cents <= MAX_PRICE_CENTS ? cents : null;
}

/** Cents → "12.50" (the form's value and the list's display). */
export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
