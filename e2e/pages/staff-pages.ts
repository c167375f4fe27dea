import { deflateSync } from "node:zlib";
import { expect, type Locator, type Page } from "@playwright/test";
import { HoursPage, type Interval, type WeekdayName } from "./hours-page";

export type StaffInput = { name: string; email?: string; bio?: string; services?: string[]; photo?: { name: string; mimeType: string; buffer: Buffer } };

/** /dashboard/staff and the pages under it, found by role and label. */
export class StaffPages {
  constructor(readonly page: Page) {}

  flash(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  list(): Locator {
    return this.page.getByRole("list", { name: "Your staff" });
  }

  async gotoList() {
    await this.page.goto("/dashboard/staff");
    await expect(this.page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
  }

  /** Fills the add/edit form (not submitted). */
  async fill(input: StaffInput) {
    await this.page.getByLabel("Name", { exact: true }).fill(input.name);
    if (input.email !== undefined) await this.page.getByLabel("Email", { exact: true }).fill(input.email);
    if (input.bio !== undefined) await this.page.getByLabel("Bio").fill(input.bio);
    for (const s of input.services ?? []) await this.page.getByRole("checkbox", { name: s, exact: true }).check();
    if (input.photo) await this.page.getByLabel("Photo", { exact: true }).setInputFiles(input.photo);
  }

  /** Adds a member from /dashboard/staff/new and returns their id (from the detail page's URL). */
  async add(input: StaffInput): Promise<string> {
    await this.page.goto("/dashboard/staff/new");
    await this.fill(input);
    await this.page.getByRole("button", { name: "Add staff member" }).click();
    await expect(this.flash("Staff member added.")).toBeVisible();
    const id = this.page.url().match(/\/dashboard\/staff\/([0-9a-f-]{36})/)?.[1];
    if (!id) throw new Error(`Not on a staff member page: ${this.page.url()}`);
    return id;
  }

  async setAvailability(staffId: string, days: Partial<Record<WeekdayName, Interval[]>>) {
    await this.page.goto(`/dashboard/staff/${staffId}/availability`);
    const grid = new HoursPage(this.page);
    for (const [day, intervals] of Object.entries(days)) await grid.setDay(day as WeekdayName, intervals);
    await this.page.getByRole("button", { name: "Save availability" }).click();
  }
}

/** A real PNG of the given size (a flat colour), made on the fly. */
export function makePng(width = 16, height = 16): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([79, 70, 229], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
