import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import type { Browser } from 'playwright-core';
import { midYear } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { describeInBrowser, launchChromium, ready, screenshot, screenshotFolder, signedInPage, wanyuan } from '../support/browser.js';
import { fundedProject, post } from '../support/read-model-scenario.js';

/*
 * The console in Chromium against the real api (SQLite files, workflow on, clock mid-July 2026):
 * two departments, spending, and one red reading the deviation check flags. Each page is opened
 * by each role allowed on it; the figures it shows are compared with the api's own answer.
 */
describeInBrowser('web console in Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  const tokens: Record<string, string> = {};

  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const get = async (token: string, path: string) => (await api.call('GET', path, { token })).body;

  beforeAll(async () => {
    browser = await launchChromium();
    api = await startApi({ clock: midYear, workflow: true });
    for (const role of ['finance', 'oversight', 'auditor', 'evaluator', 'admin'] as const) tokens[role] = await api.token({ role });
    tokens['water'] = await api.token({ role: 'department', department: 'water-bureau' });
    tokens['education'] = await api.token({ role: 'department', department: 'education-bureau' });
    await fundedProject(api, tokens['finance']!, tokens['water']!, 'water-bureau', 'w1', 90_000_000);
    await fundedProject(api, tokens['finance']!, tokens['water']!, 'water-bureau', 'w2', 40_000_000);
    await fundedProject(api, tokens['finance']!, tokens['education']!, 'education-bureau', 'e1', 50_000_000);
    await post(api, tokens['water']!, '/projects/w1/expenditures', { amountFen: 30_000_000, spentOn: '2026-06-30' });
    await post(api, tokens['education']!, '/projects/e1/expenditures', { amountFen: 12_345_678, spentOn: '2026-06-30' });
    // 1 of a 20 % target by May: red; the workflow's deviation check flags it.
    await post(api, tokens['water']!, '/projects/w1/readings', { readingId: 'r-ill-05', indicatorId: 'illness-drop', period: '2026-05', value: 1 });
    await waitFor('the red deviation', async () => (await get(tokens['oversight']!, '/api/v1/deviations')).total >= 1);
    await api.settled();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  describe.each(['oversight', 'finance'])('Overview as %s', (role) => {
    it('shows the dashboard figures the api answers, with no console error or CSP violation, and drills down to a project', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const { page, problems } = await signedInPage(context, tokens[role]!);
      await page.goto(`${api.url}/#/overview?fiscalYear=2026`);
      await ready(page, 'overview');

      const { departments } = await get(tokens[role]!, '/api/v1/dashboards/departments?fiscalYear=2026');
      expect(departments.map((d: { department: string }) => d.department)).toEqual(['education-bureau', 'water-bureau']);
      const sum = (pick: (d: any) => number) => departments.reduce((total: number, d: any) => total + pick(d), 0);
      const figure = (name: string) => page.locator(`[data-figure="${name}"]`).innerText();
      expect(await figure('budget')).toBe(wanyuan(sum((d) => d.adjustedBudgetFen)));
      expect(await figure('executed')).toBe(wanyuan(sum((d) => d.spentFen)));
      expect((await figure('red')).trim()).toBe(String(sum((d) => d.openDeviations.red)));
      expect(sum((d) => d.openDeviations.red)).toBeGreaterThan(0);
      const cells = (name: string) => page.locator(`[data-table="departments"] [data-cell="${name}"]`).allInnerTexts();
      expect(await cells('budget')).toEqual(departments.map((d: any) => wanyuan(d.adjustedBudgetFen)));
      expect(await cells('executed')).toEqual(departments.map((d: any) => wanyuan(d.spentFen)));
      expect(await cells('red')).toEqual(departments.map((d: any) => String(d.openDeviations.red)));
      expect(await page.locator('[data-chart] canvas').count()).toBe(5);
      await screenshot(page, `overview-${role}`);

      // Drill down: department → its projects → one project.
      await page.locator('[data-drill="department"]', { hasText: 'water-bureau' }).click();
      await ready(page, 'projects');
      const projects = await get(tokens[role]!, '/api/v1/projects?department=water-bureau&fiscalYear=2026');
      const listed = await page.locator('[data-drill="project"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-project-id')));
      expect(listed).toEqual(projects.items.map((p: { projectId: string }) => p.projectId));
      expect(await page.locator('[data-table="projects"] [data-cell="executed"]').allInnerTexts()).toEqual(
        projects.items.map((p: { spentFen: number }) => wanyuan(p.spentFen)),
      );
      await screenshot(page, `projects-${role}`);
      await page.locator('[data-drill="project"][data-project-id="w1"]').click();
      await ready(page, 'project');
      const shown = JSON.parse(await page.locator('[data-project-json]').innerText());
      expect(shown).toEqual(await get(tokens[role]!, '/api/v1/projects/w1'));
      expect(problems.errors).toEqual([]);
      await context.close();
    });
  });

  it('switches to English and to 元 (yuan): same figures, other words and unit', async () => {
    const context = await browser.newContext();
    const { page, problems } = await signedInPage(context, tokens['oversight']!);
    await page.goto(`${api.url}/#/overview?fiscalYear=2026`);
    await ready(page, 'overview');
    expect(await page.locator('[data-nav="overview"]').innerText()).toBe('总览');
    await page.click('[data-language-toggle]');
    await page.locator('[data-nav="overview"]', { hasText: 'Overview' }).waitFor();
    await page.locator('[data-unit-toggle] label', { hasText: /^yuan$/ }).click();
    const { departments } = await get(tokens['oversight']!, '/api/v1/dashboards/departments?fiscalYear=2026');
    const budgetFen = departments.reduce((total: number, d: { adjustedBudgetFen: number }) => total + d.adjustedBudgetFen, 0);
    const inYuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(budgetFen / 100);
    const until = Date.now() + 5_000;
    while ((await page.locator('[data-figure="budget"]').innerText()) !== inYuan && Date.now() < until) await page.waitForTimeout(50);
    expect(await page.locator('[data-figure="budget"]').innerText()).toBe(inYuan);
    await ready(page, 'overview');
    await screenshot(page, 'overview-oversight-en-yuan');
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  describe.each(['oversight', 'finance', 'auditor', 'water'])('Warnings as %s', (who) => {
    it('lists the watchlist the api answers (lights, age, explanation status), with no console error or CSP violation', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const { page, problems } = await signedInPage(context, tokens[who]!);
      await page.goto(`${api.url}/#/warnings`);
      await ready(page, 'warnings');
      const answer = await get(tokens[who]!, '/api/v1/deviations?limit=50');
      const lights = await page.locator('[data-table="deviations"] [data-light]').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-light')));
      expect(lights).toEqual(answer.items.map((d: { severity: string }) => d.severity));
      expect(await page.locator('[data-table="deviations"] [data-cell="age"]').allInnerTexts()).toEqual(
        answer.items.map((d: { ageDays: number }) => String(d.ageDays)),
      );
      const statuses = await page.locator('[data-table="deviations"] [data-status]').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-status')));
      expect(statuses).toEqual(answer.items.map((d: { status: string }) => d.status));
      await screenshot(page, `warnings-${who}`);
      expect(problems.errors).toEqual([]);
      await context.close();
    });
  });

  it('filters the watchlist and exports every matching row to xlsx', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, problems } = await signedInPage(context, tokens['finance']!);
    await page.goto(`${api.url}/#/warnings?severity=yellow`);
    await ready(page, 'warnings');
    expect(await page.locator('[data-table="deviations"] [data-light]').count()).toBe((await get(tokens['finance']!, '/api/v1/deviations?severity=yellow')).total);
    await page.goto(`${api.url}/#/warnings?severity=red`);
    await ready(page, 'warnings');
    const red = await get(tokens['finance']!, '/api/v1/deviations?severity=red&limit=500');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export]').click()]);
    mkdirSync(screenshotFolder, { recursive: true });
    const file = join(screenshotFolder, 'watchlist.xlsx');
    await download.saveAs(file);
    const [sheet] = await readXlsxFile(file);
    const rows = sheet!.data;
    expect(rows[0]![0]).toBe('预警灯');
    expect(rows.slice(1).map((row) => row[rows[0]!.indexOf('deviationId')])).toEqual(red.items.map((d: { deviationId: string }) => d.deviationId));
    expect(rows.slice(1).map((row) => row[rows[0]!.indexOf('已持续（天）')])).toEqual(red.items.map((d: { ageDays: number }) => d.ageDays));
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it('signs in with a token from the form, keeps it for the tab only, and refuses a wrong one', async () => {
    const context = await browser.newContext();
    const { page, problems } = await signedInPage(context, null);
    await page.goto(`${api.url}/`);
    await page.waitForSelector('[data-page="sign-in"]');
    await page.fill('input[type="password"]', 'jx_not-a-token');
    await page.click('[data-sign-in]');
    await page.waitForSelector('[data-sign-in-error]');
    await page.fill('input[type="password"]', tokens['auditor']!);
    await page.click('[data-sign-in]');
    // An auditor's home is the watchlist: the Overview is not among its pages.
    await ready(page, 'warnings');
    expect(await page.locator('[data-nav="overview"]').count()).toBe(0);
    await page.goto(`${api.url}/#/overview`);
    await ready(page, 'warnings');
    const other = await context.newPage();
    await other.goto(`${api.url}/`);
    await other.waitForSelector('[data-page="sign-in"]');
    // The failed attempt answered 401 (a console error by design); nothing else went wrong.
    expect(problems.errors.filter((e) => !/401/.test(e))).toEqual([]);
    await context.close();
  });

  it.each(['evaluator', 'admin'])('tells an %s the console has no page for its role', async (role) => {
    const context = await browser.newContext();
    const { page } = await signedInPage(context, tokens[role]!);
    await page.goto(`${api.url}/#/overview`);
    await page.waitForSelector('[data-page="sign-in"] .el-alert--warning');
    expect(await page.locator('[data-nav]').count()).toBe(0);
    await context.close();
  });

  it('shows a light that turns red on the Warnings page within 5 s, by polling', async () => {
    const context = await browser.newContext();
    const { page, problems } = await signedInPage(context, tokens['oversight']!);
    await page.goto(`${api.url}/#/warnings?department=education-bureau`);
    await ready(page, 'warnings');
    const redRows = `[data-table="deviations"] [data-light="red"]`;
    const before = await page.locator(redRows).count();
    // e1's illness-drop indicator has no reading yet: 1 of a 20 % target by June (10 % due) turns its light red.
    // June, because lights are lit from the first assessment date, the end of June.
    await post(api, tokens['education']!, '/projects/e1/readings', { readingId: 'r-e1-ill-06', indicatorId: 'illness-drop', period: '2026-06', value: 1 });
    const recorded = Date.now();
    // Polled from here: the page's CSP forbids the eval that page.waitForFunction would need.
    while ((await page.locator(redRows).count()) <= before && Date.now() - recorded < 5_000) await page.waitForTimeout(50);
    expect(Date.now() - recorded).toBeLessThanOrEqual(5_000);
    const rows = await get(tokens['oversight']!, '/api/v1/deviations?department=education-bureau&severity=red');
    expect(rows.items.some((d: { indicatorId: string | null }) => d.indicatorId === 'illness-drop')).toBe(true);
    await screenshot(page, 'warnings-turned-red');
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
