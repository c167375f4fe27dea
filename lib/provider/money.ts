/**
 * Prices are whole cents (hundredths of the currency's unit) in the database and a decimal
 * ("12.50") in forms; a business names the currency they are shown in (providers.currency).
 */
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

/**
 * The currencies a business can show its prices in (ISO 4217, all with two decimals, as the
 * price field has); "" shows plain amounts.
 */
export const CURRENCIES: readonly string[] = [
  "GBP", "EUR", "USD", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
  "INR", "SGD", "HKD", "ZAR", "AED", "BRL", "MXN",
];

const currencyNames = new Intl.DisplayNames("en-GB", { type: "currency" });

/** "GBP" → "GBP – British Pound", for the profile's list. */
export function currencyLabel(code: string): string {
  return `${code} – ${currencyNames.of(code) ?? code}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Cents as a price in `currency` ("£12.50", "US$40.00"), or plain ("12.50") without one. */
export function formatMoney(cents: number, currency: string): string {
  if (!currency) return formatCents(cents);
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    formats.set(currency, f);
  }
  return f.format(cents / 100);
}

/**
 * A service's price for clients: in the business's currency when it named one ("£12.50"),
 * else plain ("12.50"); 0 is "Free".
 */
export function formatPrice(cents: number, currency = ""): string {
  return cents === 0 ? "Free" : formatMoney(cents, currency);
}
