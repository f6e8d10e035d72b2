import { OperationRecord, deliveryMetrics } from '../../src';

const record = (at: string, operation: OperationRecord['operation'], args: OperationRecord['args']): OperationRecord => ({ at, by: 'ci', operation, args });

describe('delivery metrics', () => {
  test('says there is no data when the log has none', () => {
    expect(deliveryMetrics([])).toEqual({
      meanTimeToEnvironmentHours: null, environmentsMeasured: 0, meanTimeToFirstDeploymentHours: null, firstDeployments: [],
    });
  });

  test('pairs each request with the first deployment after it', () => {
    const metrics = deliveryMetrics([
      record('2026-11-20T10:00:00.000Z', 'env.create', { name: 'pr-1', from: 'dev', ttl: '72h' }),
      record('2026-11-20T12:00:00.000Z', 'deployed', { environment: 'pr-1', stack: 'checkout-pr-1', service: 'checkout' }),
      record('2026-11-20T13:00:00.000Z', 'deployed', { environment: 'pr-1', stack: 'web-pr-1', service: 'web' }),
      record('2026-11-21T09:00:00.000Z', 'env.create', { name: 'pr-2', from: 'dev', ttl: '72h' }),
      record('2026-11-21T13:00:00.000Z', 'deployed', { environment: 'pr-2', stack: 'checkout-pr-2', service: 'checkout' }),
      record('2026-11-22T09:00:00.000Z', 'env.create', { name: 'pr-3', from: 'dev', ttl: '72h' }),
      record('2026-11-01T08:00:00.000Z', 'service.created', { service: 'billing', team: 'payments' }),
      record('2026-11-01T09:30:00.000Z', 'deployed', { environment: 'dev', stack: 'billing-dev', service: 'billing' }),
      record('2026-11-02T08:00:00.000Z', 'service.created', { service: 'search', team: 'web' }),
    ]);
    expect(metrics).toEqual({
      meanTimeToEnvironmentHours: 3,
      environmentsMeasured: 2,
      meanTimeToFirstDeploymentHours: 1.5,
      firstDeployments: [{ service: 'billing', hours: 1.5 }],
    });
  });
});
