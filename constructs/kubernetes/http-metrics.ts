/** Names of the Prometheus metrics a workload exports about the HTTP or gRPC requests it serves. */
export interface HttpMetrics {
  /**
   * Counter of requests, with the status in a `code` label.
   * @default 'http_requests_total'
   */
  readonly requestsTotal?: string;
  /**
   * Histogram of request durations in seconds (its `_bucket` and `_count` series are read).
   * @default 'http_request_duration_seconds'
   */
  readonly durationSeconds?: string;
}

/** `metrics` with every default resolved. */
export function resolveHttpMetrics(metrics: HttpMetrics = {}): Required<HttpMetrics> {
  return {
    requestsTotal: metrics.requestsTotal ?? 'http_requests_total',
    durationSeconds: metrics.durationSeconds ?? 'http_request_duration_seconds',
  };
}

/**
 * The PromQL label matchers of one workload's series, as a ServiceMonitor labels them
 * (`namespace` and `service`), plus `extra` matchers.
 */
export function seriesSelector(namespace: string | undefined, service: string, ...extra: string[]): string {
  const matchers = [...(namespace === undefined ? [] : [`namespace="${namespace}"`]), `service="${service}"`, ...extra];
  return `{${matchers.join(',')}}`;
}
