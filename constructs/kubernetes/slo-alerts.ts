import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HttpMetrics, resolveHttpMetrics, seriesSelector } from './http-metrics';
import { SecureWorkload } from './secure-workload';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import * as monitoring from '../imports/monitoring.coreos.com';

/** A latency objective: `percent` of requests finish within `thresholdSeconds`. */
export interface LatencyObjective {
  /** The duration, in seconds; it must be a bucket boundary (`le`) of the histogram. */
  readonly thresholdSeconds: number;
  /** The share of requests that must be that fast, in percent. */
  readonly percent: number;
}

/** Props of `SloAlerts`. */
export interface SloAlertsProps {
  /** The workload the objectives are for. */
  readonly workload: SecureWorkload;
  /**
   * The share of requests that must not fail (status 5xx), in percent.
   * @default 99.9
   */
  readonly availabilityPercent?: number;
  /**
   * The latency objective.
   * @default - 99% of requests within 0.5 seconds
   */
  readonly latency?: LatencyObjective;
  /**
   * The metrics the workload exports.
   * @default - `http_requests_total` and `http_request_duration_seconds`
   */
  readonly metrics?: HttpMetrics;
  /**
   * The runbook linked from every alert.
   * @default - none
   */
  readonly runbookUrl?: string;
}

/** A burn-rate alert window pair, from the Google SRE workbook (multiwindow, multi-burn-rate). */
interface BurnWindow {
  readonly speed: 'Fast' | 'Slow';
  readonly long: string;
  readonly short: string;
  readonly factor: number;
  readonly severity: 'critical' | 'warning';
  readonly for: string;
}

/** 2% of a 30-day budget in an hour pages; 5% in six hours opens a ticket. */
const BURN_WINDOWS: readonly BurnWindow[] = [
  { speed: 'Fast', long: '1h', short: '5m', factor: 14.4, severity: 'critical', for: '2m' },
  { speed: 'Slow', long: '6h', short: '30m', factor: 6, severity: 'warning', for: '15m' },
];

/**
 * A PrometheusRule with multiwindow, multi-burn-rate alerts on a workload's availability and
 * latency objectives (fast burn: critical, slow burn: warning). Named `<workload>-slo`.
 */
export class SloAlerts extends Construct {
  /** The share of requests that must not fail (status 5xx), in percent: `props.availabilityPercent`, or 99.9. */
  public readonly availabilityPercent: number;
  /** The latency objective: `props.latency`, or 99% of requests within 0.5 seconds. */
  public readonly latency: LatencyObjective;
  /** The metric names the alerts query: `props.metrics`, with `http_requests_total` and `http_request_duration_seconds` for those not given. */
  public readonly metrics: Required<HttpMetrics>;
  /** The runbook linked from every alert (`runbook_url`), from `props.runbookUrl`; none omits the annotation. */
  public readonly runbookUrl?: string;
  /** The PrometheusRule object. */
  public readonly resource: monitoring.PrometheusRule;

  constructor(scope: Construct, id: string, props: SloAlertsProps) {
    super(scope, id);
    const workload = props.workload;
    this.availabilityPercent = props.availabilityPercent ?? 99.9;
    this.latency = props.latency ?? { thresholdSeconds: 0.5, percent: 99 };
    this.metrics = resolveHttpMetrics(props.metrics);
    this.runbookUrl = props.runbookUrl;
    const problems: string[] = [];
    for (const [prop, value] of [['availabilityPercent', this.availabilityPercent], ['latency.percent', this.latency.percent]] as const) {
      if (!(value > 0 && value < 100)) {
        problems.push(`'${prop}' must be above 0 and below 100, e.g. 99.9 (got ${value}); 100 leaves no error budget to alert on.`);
      }
    }
    if (!(this.latency.thresholdSeconds > 0)) {
      problems.push(`'latency.thresholdSeconds' must be positive (got ${this.latency.thresholdSeconds}).`);
    }
    if (props.runbookUrl !== undefined && !/^https?:\/\//.test(props.runbookUrl)) {
      problems.push(`'runbookUrl' must be an http(s) URL (got '${props.runbookUrl}').`);
    }
    PavedValidationError.throwIfAny(this, problems);

    const namespace = Chart.of(this).namespace;
    const selector = (...extra: string[]) => seriesSelector(namespace, workload.name, ...extra);
    const { requestsTotal, durationSeconds } = this.metrics;
    const ratio = (numerator: string, denominator: string) => (window: string) =>
      `sum(rate(${numerator}[${window}])) / sum(rate(${denominator}[${window}]))`;
    const objectives = [
      {
        slo: 'Availability',
        percent: this.availabilityPercent,
        errorRatio: ratio(`${requestsTotal}${selector('code=~"5.."')}`, `${requestsTotal}${selector()}`),
        what: 'requests fail',
      },
      {
        slo: 'Latency',
        percent: this.latency.percent,
        errorRatio: (window: string) => `1 - (${ratio(`${durationSeconds}_bucket${selector(`le="${this.latency.thresholdSeconds}"`)}`, `${durationSeconds}_count${selector()}`)(window)})`,
        what: `requests take longer than ${this.latency.thresholdSeconds}s`,
      },
    ];

    const alertName = workload.name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    this.resource = new monitoring.PrometheusRule(this, 'Resource', {
      metadata: { name: `${workload.name}-slo` },
      spec: {
        groups: [{
          name: `${workload.name}-slo`,
          rules: objectives.flatMap(({ slo, percent, errorRatio, what }) => BURN_WINDOWS.map((w) => {
            const budget = `${w.factor} * ${Number(((100 - percent) / 100).toPrecision(10))}`;
            return {
              alert: `${alertName}${slo}Budget${w.speed}Burn`,
              expr: monitoring.PrometheusRuleSpecGroupsRulesExpr.fromString(
                `(${errorRatio(w.long)}) > (${budget})\nand\n(${errorRatio(w.short)}) > (${budget})`),
              for: w.for,
              labels: { severity: w.severity, slo: slo.toLowerCase(), workload: workload.name },
              annotations: {
                summary: `${workload.name}: ${slo.toLowerCase()} error budget burning ${w.factor}x too fast`,
                description: `Over the last ${w.long} and ${w.short}, more ${what} than a ${percent}% objective allows at ${w.factor} times the sustainable rate.`,
                ...(this.runbookUrl === undefined ? {} : { runbook_url: this.runbookUrl }),
              },
            };
          })),
        }],
      },
    });
  }
}
