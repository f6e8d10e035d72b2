import { existsSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { describeWithChromium, withChromiumTab } from './chromium-tab';
import acme from '../../examples/acme/platform';
import { synthToTemp } from '../util';

const ACME_SERVICES = ['checkout', 'fulfilment-worker', 'inventory', 'payments-api', 'report-builder', 'storefront'];

/** Where the screenshot is kept: `$PAVED_TEST_ARTIFACTS/portal.png`, else under the OS temp dir. */
function screenshotPath(): string {
  return join(process.env.PAVED_TEST_ARTIFACTS ?? join(tmpdir(), 'paved-test-artifacts'), 'portal.png');
}

describeWithChromium('light portal browser test')('light portal in a real browser', () => {
  test('renders every acme service, searches and filters them, and every link resolves', async () => {
    const outdir = synthToTemp(acme);
    const page = join(outdir, 'portal', 'index.html');

    await withChromiumTab(async ({ tab, problems, requests }) => {
      await tab.goto(pathToFileURL(page).href);
      expect(await tab.title()).toBe('acme portal');
      const visibleServices = () => tab.locator('[data-testid=service]:visible h3').allTextContents();
      expect(await visibleServices()).toEqual(ACME_SERVICES);
      expect(await tab.textContent('[data-testid=shown]')).toBe('6 of 6 services');

      // Search narrows: by a resource name, then by two words; clearing restores every service.
      await tab.fill('[data-testid=search]', 'queue-orders');
      expect(await visibleServices()).toEqual(['checkout', 'fulfilment-worker']);
      await tab.fill('[data-testid=search]', 'python labels');
      expect(await visibleServices()).toEqual(['fulfilment-worker']);
      expect(await tab.textContent('[data-testid=shown]')).toBe('1 of 6 services');
      await tab.fill('[data-testid=search]', '');
      expect(await visibleServices()).toEqual(ACME_SERVICES);

      // Filters: team, then golden path on top of it, then environment.
      await tab.selectOption('[data-testid=filter-team]', 'web');
      expect(await visibleServices()).toEqual(['report-builder', 'storefront']);
      await tab.selectOption('[data-testid=filter-golden-path]', 'react-frontend');
      expect(await visibleServices()).toEqual(['storefront']);
      await tab.selectOption('[data-testid=filter-team]', '');
      await tab.selectOption('[data-testid=filter-golden-path]', '');
      await tab.selectOption('[data-testid=filter-environment]', 'prod');
      expect(await visibleServices()).toEqual(ACME_SERVICES);
      await tab.selectOption('[data-testid=filter-environment]', '');

      // Teams link to their services, services to their team and dependencies, all in-page.
      expect(await tab.locator('#team-payments a[href^="#service-"]').allTextContents()).toEqual(['checkout', 'payments-api']);
      expect(await tab.textContent('#team-fulfilment')).toContain('not declared');
      await tab.click('#service-storefront a[href="#service-checkout"]');
      expect(new URL(tab.url()).hash).toBe('#service-checkout');

      const hrefs = await tab.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      const anchors = [...new Set(hrefs.filter((h) => h.startsWith('#')))];
      // The five sections of the menu, the six services and the four teams.
      expect(anchors).toHaveLength(15);
      for (const anchor of anchors) {
        expect([anchor, await tab.locator(`[id="${anchor.slice(1)}"]`).count()]).toEqual([anchor, 1]);
      }
      const relative = [...new Set(hrefs.filter((h) => !h.startsWith('#') && !/^(https?|mailto):/.test(h)))];
      expect(relative).toContain('../report/index.html');
      expect(relative).toContain('../gitops/prod/argocd/application-checkout-prod.yaml');
      for (const link of relative) {
        const file = fileURLToPath(new URL(link, pathToFileURL(page)));
        expect([link, existsSync(file)]).toEqual([link, true]);
      }

      const screenshot = screenshotPath();
      mkdirSync(dirname(screenshot), { recursive: true });
      await tab.goto(pathToFileURL(page).href);
      await tab.screenshot({ path: screenshot, fullPage: true });
      process.stdout.write(`light portal screenshot: ${screenshot}\n`);

      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    }, { width: 1400, height: 1000 });
  }, 60_000);
});
