import { join } from 'node:path';
import { it } from 'vitest';
import { csvSheet, session } from '../tests/batches/sheets.js';
import { launchChromium } from '../tests/browser/chromium.js';
import { act, startService } from '../tests/browser/fixtures.js';
it('look', async () => {
  const service = await startService();
  const auth = { authorization: `Bearer ${service.apiKey}` };
  const res = await fetch(`${service.url}/v1/batches`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csvSheet(session(3, 'LOOK', 9000)) });
  const { id } = (await res.json()) as any;
  let b: any;
  for (;;) { b = await (await fetch(`${service.url}/v1/batches/${id}`, { headers: auth })).json(); if (b.state === 'completed') break; await new Promise((r) => setTimeout(r, 100)); }
  await act(service, b.rows[1].credentialId, 'revoke');
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  await page.setExtraHTTPHeaders(auth);
  await page.goto(`${service.url}/v1/batches/${id}/print?lang=zh-Hans`);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: '/tmp/wqy/print.png', fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  (await import('node:fs')).writeFileSync('/tmp/wqy/print.pdf', pdf);
  console.log(await (await fetch(`${service.url}/v1/batches/${id}/results.csv`, { headers: { ...auth, 'accept-language': 'zh-CN' } })).text());
  await browser.close(); await service.stop();
}, 120000);
