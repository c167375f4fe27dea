/*
 * The public pages' cache itself: rendered pages in this process's memory, least recently used
 * first out past a byte budget. A page is stored with the nonce it was rendered with cut out,
 * and every answer gets a fresh one, so a nonce is never sent twice (lib/infra/security-headers.ts).
 */

export type StoredPage = {
  /** The version of what the page shows, read before it was rendered (lib/page-cache/versions.ts). */
  fingerprint: string;
  status: number;
  /** The response's headers as rendered (the render's nonce is swapped in withNonce, as in the body). */
  headers: [string, string[]][];
  /** The body, split where the render's nonce stood. */
  parts: string[];
  bytes: number;
  /** Epoch ms after which the page is rendered again whatever its version (the clock moves free times). */
  expiresAt: number;
};

export class PageStore {
  private readonly pages = new Map<string, StoredPage>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The page stored under `key` if it is of this version and not expired. */
  get(key: string, fingerprint: string): StoredPage | null {
    const page = this.pages.get(key);
    if (!page) return null;
    if (page.fingerprint !== fingerprint || page.expiresAt <= this.now()) {
      this.delete(key);
      return null;
    }
    // Most recently used last.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: StoredPage): void {
    this.delete(key);
    if (page.bytes > this.maxBytes) return;
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }
}

/** A rendered page for the store: its body and headers with `nonce` cut out. */
export function toStoredPage(
  rendered: { status: number; headers: [string, string[]][]; body: string },
  nonce: string,
  fingerprint: string,
  expiresAt: number,
): StoredPage {
  const parts = rendered.body.split(nonce);
  return {
    fingerprint,
    status: rendered.status,
    headers: rendered.headers,
    parts,
    bytes: Buffer.byteLength(rendered.body) + 200,
    expiresAt,
  };
}

/** The stored page as one response: body and headers with `nonce` where the render's stood. */
export function withNonce(page: StoredPage, renderNonce: string, nonce: string): { headers: [string, string[]][]; body: Buffer } {
  return {
    headers: page.headers.map(([name, values]) => [name, values.map((v) => v.split(renderNonce).join(nonce))]),
    body: Buffer.from(page.parts.join(nonce)),
  };
}
