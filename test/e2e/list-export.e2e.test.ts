/**
 * Issue 16 / issue 15 item 10 in the browser: a list's column headers sort only where the definition
 * declares the column sortable, and 导出 downloads the whole list streamed by the server
 * (GET /api/:res/export.csv) with the list's current sort and filter, as CSV with the BOM.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { registry } from '../../schema/resources';
import { goTo, startSession, type Session } from './session';

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await startSession();
  await s.user('exporter', '导出员', ['admin']);
  page = await s.signIn('exporter', '#/customers'); // where the first test starts
}, 180_000);
afterAll(() => s?.close());

describe('list sorting and export (Chromium)', () => {
  it('offers sorting on the declared columns only', async () => {
    await goTo(page, `${s.server.url}/#/customers`);
    await page.locator('.RaDatagrid-tbody tr').first().waitFor();
    const customers = registry.get('customers')!;
    // react-admin renders a sort button (TableSortLabel) in the header of a sortable column only
    const sortableHeaders = await page.locator('thead th .MuiTableSortLabel-root').allInnerTexts();
    const declared = customers.list.filter((k) => customers.sortable.includes(k)).map((k) => customers.fields[k].label[0]);
    expect(sortableHeaders.map((t) => t.trim())).toEqual(declared);
    expect(declared.length).toBeLessThan(customers.list.length);
  });

  it('downloads the whole list from the server with its sort and filter', async () => {
    await page.goto(`${s.server.url}/#/customers?sort=region&order=DESC&filter=${encodeURIComponent(JSON.stringify({ type: 'wholesaler' }))}`);
    await page.locator('.RaDatagrid-tbody tr').first().waitFor();
    // the list toolbar's button (the bulk toolbar's, for selected rows, comes second)
    const button = page.getByRole('button', { name: '导出' }).first();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const url = new URL(download.url());
    expect(url.pathname).toBe('/api/customers/export.csv');
    expect(JSON.parse(url.searchParams.get('sort')!)).toEqual(['region', 'DESC']);
    expect(JSON.parse(url.searchParams.get('filter')!)).toMatchObject({ type: 'wholesaler' });
    expect(download.suggestedFilename()).toMatch(/^购货单位-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 2)).toEqual(['ID', '单位名称']);
    expect(lines.slice(1).join('\n')).toContain(`${s.world.customer},武汉市康泰医药有限公司`);
  });
});
