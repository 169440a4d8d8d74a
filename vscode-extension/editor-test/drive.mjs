// Opens the Dockerfile in code-server, shows the Problems panel, and checks berth's findings.
import { chromium } from 'playwright-core';
const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForTimeout(4000);
  await page.keyboard.press('Control+P');
  await page.waitForTimeout(800);
  await page.keyboard.type('Dockerfile');
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-tl-row', { hasText: 'berth' });
  await rows.first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: screenshot });
  const problems = await rows.allInnerTexts();
  console.log(problems.map((p) => p.replace(/\n/g, ' | ')).join('\n'));
  for (const code of ['DF201', 'DF301', 'DF402', 'DF505']) {
    if (!problems.some((p) => p.includes(code))) throw new Error(`no ${code} among the problems`);
  }
  console.log(`editor e2e: ${problems.length} berth problems shown; screenshot ${screenshot}`);
} finally {
  await browser.close();
}
