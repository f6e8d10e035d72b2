import { Duration } from 'cdk8s';
import { GrafanaDashboard, Image, SecureWorkload, ServiceMonitor, SloAlerts } from '../../../constructs';
import { objectOfKind, testPlatform } from '../../util';

function setup() {
  const platform = testPlatform();
  platform.declareComponent({ name: 'checkout', team: 'payments' });
  const chart = platform.placement('checkout', 'prod').chart;
  const workload = new SecureWorkload(chart, 'Workload', { image: Image.fromTag('ghcr.io/acme/checkout', '1.0.0'), ports: [{ port: 8080 }, { name: 'metrics', port: 9100 }] });
  return { chart, workload };
}

describe('ServiceMonitor', () => {
  test('scrapes the workload Service on its first port every 30 seconds by default', () => {
    const { chart, workload } = setup();
    new ServiceMonitor(chart, 'Monitor', { workload });
    expect(objectOfKind(chart, 'ServiceMonitor')).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      metadata: { name: 'checkout', namespace: 'payments' },
      spec: { selector: { matchLabels: { 'paved.dev/workload': 'checkout' } }, endpoints: [{ port: 'http', path: '/metrics', interval: '30s', scheme: 'http' }] },
    });
    expect(objectOfKind(chart, 'Service').metadata.labels['paved.dev/workload']).toBe('checkout');
  });

  test('takes the port, path and interval', () => {
    const { chart, workload } = setup();
    new ServiceMonitor(chart, 'Monitor', { workload, port: 'metrics', path: '/prometheus', interval: Duration.seconds(15) });
    expect(objectOfKind(chart, 'ServiceMonitor').spec.endpoints).toEqual([{ port: 'metrics', path: '/prometheus', interval: '15s', scheme: 'http' }]);
  });

  test('fails when the port is not one of the workload', () => {
    const { chart, workload } = setup();
    expect(() => new ServiceMonitor(chart, 'Monitor', { workload, port: 'admin' })).toThrow("ServiceMonitor 'Monitor': 'port' must name a port of the workload ('http', 'metrics') (got 'admin').");
  });
});

describe('SloAlerts', () => {
  test('fast and slow burn-rate alerts for availability and latency', () => {
    const { chart, workload } = setup();
    const slo = new SloAlerts(chart, 'Slo', { workload });
    expect([slo.availabilityPercent, slo.latency, slo.metrics]).toEqual([99.9, { thresholdSeconds: 0.5, percent: 99 }, { requestsTotal: 'http_requests_total', durationSeconds: 'http_request_duration_seconds' }]);
    const rule = objectOfKind(chart, 'PrometheusRule');
    expect(rule.metadata.name).toBe('checkout-slo');
    const rules = rule.spec.groups[0].rules;
    expect(rules.map((r: any) => [r.alert, r.for, r.labels.severity])).toEqual([
      ['CheckoutAvailabilityBudgetFastBurn', '2m', 'critical'],
      ['CheckoutAvailabilityBudgetSlowBurn', '15m', 'warning'],
      ['CheckoutLatencyBudgetFastBurn', '2m', 'critical'],
      ['CheckoutLatencyBudgetSlowBurn', '15m', 'warning'],
    ]);
    expect(rules[0].expr).toBe([
      '(sum(rate(http_requests_total{namespace="payments",service="checkout",code=~"5.."}[1h])) / sum(rate(http_requests_total{namespace="payments",service="checkout"}[1h]))) > (14.4 * 0.001)',
      'and',
      '(sum(rate(http_requests_total{namespace="payments",service="checkout",code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="payments",service="checkout"}[5m]))) > (14.4 * 0.001)',
    ].join('\n'));
    expect(rules[3].expr).toContain('(1 - (sum(rate(http_request_duration_seconds_bucket{namespace="payments",service="checkout",le="0.5"}[6h])) / sum(rate(http_request_duration_seconds_count{namespace="payments",service="checkout"}[6h])))) > (6 * 0.01)');
    expect(rules[0].annotations.runbook_url).toBeUndefined();
  });

  test('takes objectives, metric names and a runbook', () => {
    const { chart, workload } = setup();
    new SloAlerts(chart, 'Slo', { workload, availabilityPercent: 99, latency: { thresholdSeconds: 0.25, percent: 95 }, metrics: { requestsTotal: 'reqs', durationSeconds: 'lat' }, runbookUrl: 'https://runbooks.acme.example/checkout' });
    const rules = objectOfKind(chart, 'PrometheusRule').spec.groups[0].rules;
    expect(rules[0].expr).toContain('sum(rate(reqs{namespace="payments",service="checkout",code=~"5.."}[1h])) / sum(rate(reqs{namespace="payments",service="checkout"}[1h]))) > (14.4 * 0.01)');
    expect(rules[2].expr).toContain('lat_bucket{namespace="payments",service="checkout",le="0.25"}');
    expect(rules[2].expr).toContain('> (14.4 * 0.05)');
    expect(rules[0].annotations.runbook_url).toBe('https://runbooks.acme.example/checkout');
  });

  test('fails when an objective leaves no error budget', () => {
    const { chart, workload } = setup();
    expect(() => new SloAlerts(chart, 'Slo', { workload, availabilityPercent: 100 })).toThrow("SloAlerts 'Slo': 'availabilityPercent' must be above 0 and below 100, e.g. 99.9 (got 100); 100 leaves no error budget to alert on.");
  });
});

describe('GrafanaDashboard', () => {
  test('a ConfigMap labelled for the Grafana sidecar, in the team folder', () => {
    const { chart, workload } = setup();
    const dashboard = new GrafanaDashboard(chart, 'Dashboard', { workload });
    expect([dashboard.uid, dashboard.title, dashboard.folder]).toEqual(['checkout', 'checkout', 'payments']);
    const map = objectOfKind(chart, 'ConfigMap');
    expect(map.metadata).toMatchObject({ name: 'checkout-dashboard', labels: { grafana_dashboard: '1' }, annotations: { grafana_folder: 'payments' } });
    const json = JSON.parse(map.data['checkout.json']);
    expect(json).toMatchObject({ uid: 'checkout', title: 'checkout' });
    expect(json.panels.map((p: any) => p.title)).toEqual(['Requests per second', 'Error ratio (5xx)', 'Latency p99', 'CPU (cores)', 'Memory (working set)', 'Replicas']);
    expect(json.panels[0].targets[0].expr).toBe('sum by (code) (rate(http_requests_total{namespace="payments",service="checkout"}[5m]))');
  });

  test('takes the title, folder and metrics', () => {
    const { chart, workload } = setup();
    new GrafanaDashboard(chart, 'Dashboard', { workload, title: 'Checkout', folder: 'Payments', metrics: { requestsTotal: 'reqs' } });
    const map = objectOfKind(chart, 'ConfigMap');
    expect(map.metadata.annotations).toEqual({ grafana_folder: 'Payments' });
    const json = JSON.parse(map.data['checkout.json']);
    expect(json.title).toBe('Checkout');
    expect(json.panels[0].targets[0].expr).toContain('rate(reqs{');
  });
});
