import { join } from 'path';
import { pathToFileURL } from 'url';
import { describeWithChromium, withChromiumTab } from './chromium-tab';
import acme from '../../examples/acme/platform';
import { synthToTemp } from '../util';

describeWithChromium('report page browser test')('report page in a real browser', () => {
  test('renders the report with its numbers, charts and no console errors', async () => {
    // The bundled example: six services on golden paths, one deviation in three environments.
    const page = join(synthToTemp(acme), 'report', 'index.html');

    await withChromiumTab(async ({ tab, problems, requests }) => {
      await tab.goto(pathToFileURL(page).href);
      expect(await tab.title()).toBe('acme platform report');
      expect(await tab.textContent('[data-testid=figure-services]')).toBe('6services');
      expect(await tab.textContent('[data-testid=figure-adoption]')).toBe('100%on a golden path (6 of 6)');
      expect(await tab.textContent('[data-testid=figure-deviation-rate]')).toBe('17%of services use a deviation');
      expect(await tab.textContent('[data-testid=figure-deviations]')).toBe('3deviations in use (0 stale)');
      expect(await tab.textContent('[data-testid=figure-errors]')).toBe('0unjustified errors');
      expect(await tab.locator('[data-testid=chart-services-per-team] rect').count()).toBe(4);
      expect(await tab.locator('[data-testid=chart-deviations-per-rule] rect').count()).toBe(1);
      expect(await tab.locator('[data-testid=table-services] tbody tr').count()).toBe(6);
      expect(await tab.locator('[data-testid=table-deviations] tbody tr').count()).toBe(3);
      const box = await tab.locator('[data-testid=chart-services-per-team]').boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(problems).toEqual([]);
      expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    });
  }, 60_000);
});
