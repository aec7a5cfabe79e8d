// UI-level test: what a person sees. Installs the packaged .vsix into code-server, opens a broken
// manifest from Quick Open, reads the Problems panel, hovers an objectName with the mouse, runs
// "ASCP: Preview Mounted Files" from the Command Palette, and saves screenshots of each.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, OUT, startCodeServer, type Tools } from './harness';

export interface UiStep {
  name: string;
  ok: boolean;
  error?: string;
  skipReason?: string;
  ms: number;
}

export interface UiOptions {
  tools: Tools;
  vsix: string;
  workspace: string;
  /** the server advertises a hover provider (else the hover step is a placeholder) */
  hoverImplemented: boolean;
  log?: (line: string) => void;
}

export interface UiResult {
  steps: UiStep[];
  screenshots: string[];
  problems: string[];
  hover: string;
  serverLog: string;
}

export async function runUiTest(o: UiOptions): Promise<UiResult> {
  const dir = join(OUT, 'ui');
  mkdirSync(dir, { recursive: true });
  const steps: UiStep[] = [];
  const screenshots: string[] = [];
  const res: UiResult = { steps, screenshots, problems: [], hover: '', serverLog: '' };
  const log = o.log ?? (() => undefined);
  let failed = false;
  /** `fn` resolves to a skip reason (a placeholder feature) or to nothing. */
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = Date.now();
    if (failed) {
      steps.push({ name, ok: false, error: 'an earlier UI step failed', ms: 0 });
      return;
    }
    try {
      const r = await fn();
      const skip = typeof r === 'string' ? r : undefined;
      steps.push({ name, ok: true, ms: Date.now() - t0, ...(skip ? { skipReason: skip } : {}) });
      log(`ui: ${name}: ${skip ? `skipped (${skip})` : 'ok'} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed = true;
      steps.push({
        name,
        ok: false,
        error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e),
        ms: Date.now() - t0,
      });
      log(`ui: ${name}: FAILED ${String(e)}`);
    }
  };
  const shot = async (page: Page, name: string) => {
    const p = join(dir, name);
    await page.screenshot({ path: p });
    screenshots.push(p);
  };

  let cs: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  await step('installs the packaged .vsix into code-server', async () => {
    cs = await startCodeServer({ tools: o.tools, vsix: o.vsix, trusted: true });
    const installed = readdirSync(join(cs.home, 'ext')).filter((d) =>
      d.startsWith('ascp-manifests.ascp-manifests-'),
    );
    if (installed.length !== 1)
      throw new Error(`installed extensions: ${readdirSync(join(cs.home, 'ext')).join(', ')}`);
  });
  if (!cs) return res;
  const server = cs;
  const browser = await launchBrowser(server.home, o.tools.CHROMIUM);
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (e) => log(`[pageerror] ${e.message}`));
  try {
    await step('opens a broken manifest from Quick Open', async () => {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(o.workspace)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
      await page.keyboard.type('fixtures/app.yaml');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'app.yaml' })
        .first()
        .waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab[aria-label*="app.yaml"]').first().waitFor({ timeout: 15_000 });
      await page
        .locator('.monaco-editor .view-lines', { hasText: 'SecretProviderClass' })
        .first()
        .waitFor({ timeout: 15_000 });
    });

    await step('the Problems panel lists the ascp diagnostic', async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'secretmanager' }).first();
      await row.waitFor({ timeout: 60_000 });
      res.problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      log(`ui: Problems: ${JSON.stringify(res.problems)}`);
      const text = res.problems.join('\n');
      if (!/ascp/.test(text) || !/object-type-invalid/.test(text)) throw new Error(`Problems rows: ${text}`);
      await shot(page, 'problems.png');
    });

    await step('hovering an objectName shows the path the pod sees', async () => {
      // Code lenses and inlay hints arrive asynchronously and move the text: measure the value's
      // position again on every attempt, move away and back, until the hover shows.
      const pointAtValue = async () => {
        const line = page.locator('.monaco-editor .view-line', { hasText: '/app/db/password' }).first();
        await line.waitFor({ timeout: 10_000 });
        const text = (await line.innerText()).replace(/\u00a0/g, ' ');
        const box = await line.boundingBox();
        if (!box) throw new Error('no box for the objectName line');
        // the editor font is monospace: the column of the value times the character width
        const firstSpan = line.locator('span span').first();
        const spanBox = await firstSpan.boundingBox();
        const spanText = (await firstSpan.innerText()).replace(/\u00a0/g, ' ');
        const cw = spanBox && spanText.length ? spanBox.width / spanText.length : 8;
        await page.mouse.move(5, 5);
        await page.mouse.move(box.x + (text.indexOf('/app/db/password') + 4) * cw, box.y + box.height / 2);
      };
      const hover = page
        .locator('.monaco-hover:visible', { hasText: '/var/secrets/_app_db_password' })
        .first();
      if (!o.hoverImplemented) {
        await pointAtValue();
        await shot(page, 'hover.png');
        return 'PLACEHOLDER: hover: the server advertises no hoverProvider yet';
      }
      const end = Date.now() + 30_000;
      for (;;) {
        await pointAtValue();
        try {
          await hover.waitFor({ timeout: 3_000 });
          break;
        } catch (e) {
          if (Date.now() > end) throw e;
        }
      }
      res.hover = await hover.innerText();
      log(`ui: hover: ${JSON.stringify(res.hover)}`);
      await shot(page, 'hover.png');
      return undefined;
    });

    await step('Preview Mounted Files from the Command Palette', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page
        .locator('.monaco-editor .view-lines')
        .first()
        .click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Shift+P');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
      await page.keyboard.type('ASCP: Preview Mounted Files');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Preview Mounted Files' })
        .first()
        .waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page
        .locator('.tab', { hasText: 'Mounted files of app.yaml' })
        .first()
        .waitFor({ timeout: 30_000 });
      await page
        .locator('.monaco-editor .view-lines', { hasText: '/var/secrets/_app_db_password' })
        .first()
        .waitFor({ timeout: 30_000 });
      await shot(page, 'preview.png');
    });
  } finally {
    if (failed) await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined);
    await browser.close().catch(() => undefined);
    res.serverLog = await server.stop();
  }
  return res;
}
