// UI-level test: what a person sees. Installs the packaged .vsix into code-server, opens a broken
// manifest from Quick Open, reads the Problems panel, hovers an objectName with the mouse, runs
// "ASCP: Preview Mounted Files" from the Command Palette and reads the rendered preview, checks the
// language status hover (calm offline, inside the window), clicks a file in the ASCP Mounts view and
// checks where the editor lands, writes a manifest from snippets and completions with zero
// diagnostics, and saves screenshots of each. A second run with moto_server as AWS shows the status
// with AWS.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  /** moto_server's endpoint, seeded with the split fixture's secret and parameter: the AWS status run */
  awsEndpoint?: string;
}

export interface UiResult {
  steps: UiStep[];
  screenshots: string[];
  problems: string[];
  hover: string;
  serverLog: string;
  /** the language status hover's text, offline and with AWS */
  statusOffline: string;
  statusAws: string;
}

const WIDTH = 1400;

/** Opens a workspace file from Quick Open (a click on its row, not the first row) and waits for its tab. */
async function quickOpen(page: Page, path: string): Promise<void> {
  const name = path.split('/').pop() ?? path;
  const dir = path.split('/').slice(0, -1).join('/');
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 60_000 });
  await page.keyboard.type(path);
  let row = page.locator('.quick-input-list .monaco-list-row', { hasText: name });
  if (dir) row = row.filter({ hasText: dir });
  await row.first().waitFor({ timeout: 60_000 });
  await row.first().click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 60_000 });
}

/** Moves the focus out of a webview (whose frame keeps the workbench's keys) into the workbench. */
async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.sidebar .composite.title').first().click();
}

/** Runs a command from the Command Palette. */
async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 60_000 });
  await page.keyboard.type(title);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^.*?: /, '') })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
}

/** Opens the language status hover ({} in the status bar) and returns its text; checks it fits the window. */
async function statusHover(page: Page, wantText: RegExp): Promise<string> {
  const item = page.locator('[id="status.languageStatus"]').first();
  await item.waitFor({ timeout: 30_000 });
  const hover = page.locator('.monaco-hover:visible', { hasText: 'ASCP' }).first();
  const end = Date.now() + 60_000;
  for (;;) {
    await page.mouse.move(5, 5);
    await item.hover();
    try {
      await hover.waitFor({ timeout: 3_000 });
      const text = await hover.innerText();
      if (wantText.test(text)) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`the language status hover never showed ${String(wantText)}`);
  }
  const box = await hover.boundingBox();
  if (!box) throw new Error('no box for the status hover');
  if (box.x < 0 || box.x + box.width > WIDTH)
    throw new Error(`the status hover runs off the window: x ${box.x}, width ${box.width}, window ${WIDTH}`);
  // and no text in it is cut off (the hover keeps inside the window by clipping its rows)
  const cut = await hover.evaluate((el) =>
    [...el.querySelectorAll('*')]
      .filter(
        (e) =>
          e.children.length === 0 && (e.textContent ?? '').trim() !== '' && e.scrollWidth > e.clientWidth + 1,
      )
      .map((e) => e.textContent ?? ''),
  );
  if (cut.length > 0) throw new Error(`the status hover cuts off: ${JSON.stringify(cut)}`);
  return (await hover.innerText()).replace(/\u00a0/g, ' ');
}

/** The ASCP Mounts view's pane, expanded, with the room of the folders view (collapsed). */
async function mountsPane(page: Page) {
  const folders = page.locator('.pane-header[aria-label*="workspace-ui"]').first();
  if ((await folders.getAttribute('aria-expanded').catch(() => null)) === 'true') await folders.click();
  const header = page.locator('.pane-header', { hasText: 'ASCP Mounts' }).first();
  await header.waitFor({ timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return page.locator('.pane', { has: header }).first();
}

/** "Ln 20, Col 9 (16 selected)" of the status bar. */
async function cursorStatus(page: Page): Promise<string> {
  return (await page.locator('[id="status.editor.selection"]').first().innerText()).replace(/\u00a0/g, ' ');
}

export async function runUiTest(o: UiOptions): Promise<UiResult> {
  const dir = join(OUT, 'ui');
  mkdirSync(dir, { recursive: true });
  const steps: UiStep[] = [];
  const screenshots: string[] = [];
  const res: UiResult = {
    steps,
    screenshots,
    problems: [],
    hover: '',
    serverLog: '',
    statusOffline: '',
    statusAws: '',
  };
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

  mkdirSync(join(o.workspace, 'tutorial'), { recursive: true });
  writeFileSync(join(o.workspace, 'tutorial', 'app.yaml'), '');
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
      await page.goto(`${server.url}/?folder=${encodeURIComponent(o.workspace)}`, { timeout: 180_000 });
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 60_000 });
      await page.keyboard.type('fixtures/app.yaml');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'app.yaml' })
        .first()
        .waitFor({ timeout: 60_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab[aria-label*="app.yaml"]').first().waitFor({ timeout: 60_000 });
      await page
        .locator('.monaco-editor .view-lines', { hasText: 'SecretProviderClass' })
        .first()
        .waitFor({ timeout: 60_000 });
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

    await step('Preview Mounted Files from the Command Palette renders a table', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page
        .locator('.monaco-editor .view-lines')
        .first()
        .click({ position: { x: 5, y: 5 } });
      await palette(page, 'ASCP: Preview Mounted Files');
      await page.locator('.tab', { hasText: 'Mounted files: app.yaml' }).first().waitFor({ timeout: 30_000 });
      // a webview: the table is rendered HTML inside its frames, not Markdown source
      const frame = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
      await frame
        .locator('td code', { hasText: '/var/secrets/_app_db_password' })
        .first()
        .waitFor({ timeout: 30_000 });
      const th = await frame.locator('th').allInnerTexts();
      if (th.join(',') !== 'Path,Mode,Class,From') throw new Error(`table head: ${th.join(',')}`);
      await shot(page, 'preview.png');
    });

    await step('the language status reads calm offline and fits the window', async () => {
      await focusWorkbench(page);
      await palette(page, 'View: Close All Editors');
      await quickOpen(page, 'fixtures/split/secrets.yaml');
      res.statusOffline = await statusHover(page, /1 class, 4 mounted files/);
      log(`ui: status offline: ${JSON.stringify(res.statusOffline)}`);
      if (!/ASCP: offline checks/.test(res.statusOffline) || /problem/i.test(res.statusOffline))
        throw new Error(`status: ${res.statusOffline}`);
      if (!/through Pod\/split-web in pod\.yaml/.test(res.statusOffline))
        throw new Error(`status: ${res.statusOffline}`);
      await shot(page, 'status-offline.png');
      await page.mouse.move(700, 400);
      await page.keyboard.press('Escape');
    });

    await step('a click on a file in the ASCP Mounts view lands on its entry', async () => {
      await quickOpen(page, 'fixtures/split/pod.yaml');
      const pane = await mountsPane(page);
      const row = pane.locator('.monaco-list-row', { hasText: '_split_api-key' }).first();
      await row.waitFor({ timeout: 30_000 });
      await pane.locator('.monaco-list-row', { hasText: 'DB_USER' }).first().waitFor({ timeout: 30_000 });
      await row.click();
      await page.locator('.tab.active[aria-label*="secrets.yaml"]').first().waitFor({ timeout: 60_000 });
      // the entry: the objectName the file is named after, selected (the cursor at its end)
      const entry = '"/split/api-key"';
      const text = readFileSync(join(o.workspace, 'fixtures', 'split', 'secrets.yaml'), 'utf8');
      const before = text.slice(0, text.indexOf(entry) + entry.length).split('\n');
      const want = `Ln ${before.length}, Col ${(before[before.length - 1] ?? '').length + 1} (${entry.length} selected)`;
      const end = Date.now() + 15_000;
      let got = '';
      while (Date.now() < end && (got = await cursorStatus(page)) !== want) await page.waitForTimeout(100);
      if (got !== want) throw new Error(`cursor: ${got}, want ${want}`);
      await page.mouse.move(700, 700);
      await shot(page, 'mounts-view.png');
    });

    await step('a manifest written from snippets and completions has zero diagnostics', async () => {
      await focusWorkbench(page);
      await palette(page, 'View: Close All Editors');
      await quickOpen(page, 'tutorial/app.yaml');
      await page.locator('.monaco-editor .view-lines').first().click();
      /** types `prefix` (when given) and accepts the suggestion whose row shows `label` */
      const accept = async (prefix: string, label: string) => {
        if (prefix) await page.keyboard.type(prefix);
        const item = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: label }).first();
        const end = Date.now() + 30_000;
        for (;;) {
          try {
            await item.waitFor({ timeout: 3_000 });
            break;
          } catch (e) {
            if (Date.now() > end) throw e;
            await page.keyboard.press('Control+Space');
          }
        }
        await item.click();
      };
      // the class: the Secrets Manager snippet, its first placeholder (the name) typed over
      await accept('ascp-spc-secretsmanager', 'ascp-spc-secretsmanager');
      await page.keyboard.type('shop-secrets');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('---');
      await page.keyboard.press('Enter');
      // the workload: the Deployment snippet, then its class name from the completion of the
      // workspace's classes
      await accept('ascp-deployment', 'ascp-deployment');
      await page.keyboard.type('shop');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      for (let i = 0; i < 'app-secrets'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Space');
      await accept('', 'shop-secrets');
      await page.keyboard.press('Control+S');
      const file = join(o.workspace, 'tutorial', 'app.yaml');
      const saved = Date.now() + 15_000;
      let text = '';
      while (!/secretProviderClass: "?shop-secrets"?\s*$/m.test((text = readFileSync(file, 'utf8')))) {
        if (Date.now() > saved) throw new Error(`the manifest on disk:\n${text}`);
        await page.waitForTimeout(100);
      }
      // the server has read the final text once the view lists the pod's files; then zero diagnostics
      const pane = await mountsPane(page);
      await pane.locator('.monaco-list-row', { hasText: 'DB_PASSWORD' }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+Shift+M');
      await page
        .locator('.markers-panel-container', { hasText: 'No problems have been detected in the workspace' })
        .first()
        .waitFor({ timeout: 30_000 });
      // the manifest from its top, beside the view and the empty Problems panel
      await page.locator('.tab.active', { hasText: 'app.yaml' }).first().click();
      await page.keyboard.press('Control+Home');
      await page.mouse.move(700, 700);
      await shot(page, 'tutorial.png');
    });
  } finally {
    if (failed) await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined);
    await browser.close().catch(() => undefined);
    res.serverLog = await server.stop();
  }
  if (o.awsEndpoint && !failed) {
    const endpoint = o.awsEndpoint;
    let aws: Awaited<ReturnType<typeof startCodeServer>> | undefined;
    await step(
      'with AWS (moto): the status names the profile, the region and the names it knows',
      async () => {
        aws = await startCodeServer({
          tools: o.tools,
          vsix: o.vsix,
          trusted: true,
          env: {
            AWS_ENDPOINT_URL: endpoint,
            AWS_ACCESS_KEY_ID: 'testing',
            AWS_SECRET_ACCESS_KEY: 'testing',
            AWS_REGION: 'us-east-1',
          },
        });
        const b = await launchBrowser(aws.home, o.tools.CHROMIUM);
        try {
          const p = b.pages()[0] ?? (await b.newPage());
          await p.goto(`${aws.url}/?folder=${encodeURIComponent(o.workspace)}`, { timeout: 180_000 });
          await p.waitForSelector('.monaco-workbench', { timeout: 60_000 });
          await p.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
          await quickOpen(p, 'fixtures/split/secrets.yaml');
          res.statusAws = await statusHover(p, /ASCP: AWS default · us-east-1/);
          log(`ui: status with AWS: ${JSON.stringify(res.statusAws)}`);
          await shot(p, 'status-aws.png');
        } catch (e) {
          const p = b.pages()[0];
          if (p) await p.screenshot({ path: join(dir, 'failure-aws.png') }).catch(() => undefined);
          throw e;
        } finally {
          await b.close().catch(() => undefined);
        }
      },
    );
    if (aws) res.serverLog += await aws.stop();
  }
  return res;
}
