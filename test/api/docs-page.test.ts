import { chromium, type Browser } from 'playwright-core';
import type { Database } from '../../src/adapters/db/database';
import { openTestDatabase } from '../helpers/databases';
import { createTestApi, type TestApi } from '../helpers/test-app';

/*
 * /docs in a real browser, under the security headers every answer carries
 * (docs/operations.md, "Limits"): Swagger UI loads, lists the operations, and the
 * Content-Security-Policy blocks nothing it needs.
 */
describe('the API reference page in Chromium', () => {
  let db: Database;
  let api: TestApi;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    api = await createTestApi(db);
    base = await api.app.http.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await browser?.close();
    await api.app.http.close();
    await db.close();
  });

  test('when /docs is opened, then Swagger UI lists the operations and the CSP refuses nothing', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const answer = await page.goto(`${base}/docs`);
    expect(answer?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    // Try it out: the page calls this Ponte and shows its answer (connect-src allows it).
    await page.locator('.opblock-summary', { hasText: '/ready' }).first().click();
    await page.locator('.try-out__btn').first().click();
    await page.locator('.execute').first().click();
    const status = page.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 10_000 });
    expect(await status.innerText()).toContain('200');
    expect(refused).toEqual([]);
  }, 60_000);
});
