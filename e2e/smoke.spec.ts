import { expect, test } from "./fixtures";

test.describe("smoke", () => {
  test("the home page loads", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Slotbook/);
    await expect(page.getByRole("main")).toBeVisible();
  });

  test("the health check answers on the embedded database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: "pglite" });
  });

  test("the dev mailbox is reachable when MAILBOX_UI=1", async ({ page }) => {
    const response = await page.goto("/dev/mailbox");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/mail/i);
  });
});
