import { basename } from 'path';
import { DeliveryMetrics, deliveryMetrics } from './delivery-metrics';
import { Finding } from './finding';
import { PolicyResult } from './policy-engine';
import { ReportedAddOn } from './reported-add-ons';
import { FactWait, describeWaits } from '../platform/fact-wait';
import type { Platform } from '../platform/platform';
import { PlatformStack } from '../platform/platform-stack';
import { DroppedAccessGrant, SecretRotationRecord } from '../platform/self-service';
import { daysBetween } from '../util/days-between';
import { groupBy } from '../util/group-by';
import { ratio } from '../util/ratio';
import { sortedBy } from '../util/sorted-by';

/** Deviations expiring within this many days are called out. */
export const EXPIRY_WARNING_DAYS = 30;

/** A deviation as the report shows it. */
export interface ReportedDeviation {
  /** The id of the rule the deviation is from. */
  readonly ruleId: string;
  /** Why the deviation is accepted, as declared. */
  readonly reason: string;
  /** Who answers for the deviation, as declared. */
  readonly owner: string;
  /** The day (`YYYY-MM-DD`) the deviation stops justifying findings. */
  readonly expires: string;
  /** `platform` or the declaring service. */
  readonly declaredBy: string;
  /** The team of the declaring service, or `platform`. */
  readonly team: string;
  /** Findings it justified; 0 means stale. */
  readonly justified: number;
  /** Whether it justified no finding, so it can be removed. */
  readonly stale: boolean;
  /** Days from the report's `asOf` to `expires`; negative once it has expired. */
  readonly expiresInDays: number;
  /** Whether it expires within `EXPIRY_WARNING_DAYS` (30) days of `asOf`. */
  readonly expiringSoon: boolean;
}

/** A stack synthesized before the facts it reads were recorded: it is planned, never applied. */
export interface WaitingStack {
  /** The waiting stack's id. */
  readonly stack: string;
  /** Its environment. */
  readonly environment: string;
  /** The fact outputs it waits for, by stack. */
  readonly waitsFor: readonly FactWait[];
  /** What it waits for and how to record it: which `paved apply`, which file to commit. */
  readonly unblock: string;
}

/** The platform report: `report/report.json`, and the data of `report/index.html`. */
export interface PlatformReport {
  /** The platform's name. */
  readonly platform: string;
  /** The day the guardrails judged deviations against. */
  readonly asOf: string;
  /** Whether the guardrails ran (`paved synth --no-check` skips them, and says so here). */
  readonly checked: boolean;
  /** The declared environments, with tier, AWS account and region. */
  readonly environments: readonly { name: string; tier: string; account: string; region: string }[];
  /** The declared teams, with how many services each owns and how many deviations they declare. */
  readonly teams: readonly { name: string; services: number; deviations: number }[];
  /** The declared services, with owning team, golden path and how many deviations each declares. */
  readonly services: readonly { name: string; team: string; goldenPath: string; deviations: number }[];
  /** Counts over the output: its files, its services, its findings by level and justification, its deviations. */
  readonly totals: {
    readonly stacks: number;
    readonly manifests: number;
    readonly catalogEntities: number;
    readonly services: number;
    readonly errors: number;
    readonly warnings: number;
    readonly justified: number;
    readonly deviations: number;
    readonly staleDeviations: number;
  };
  /** Services built from a golden path, out of all services. */
  readonly adoption: { readonly onGoldenPath: number; readonly services: number; readonly rate: number };
  /** Services with at least one deviation in use, out of all services. */
  readonly deviationRate: number;
  /** Deviations in use (not stale), by team. */
  readonly deviationsByTeam: Readonly<Record<string, number>>;
  /** Deviations in use (not stale), by rule id. */
  readonly deviationsByRule: Readonly<Record<string, number>>;
  /** Every declared deviation, with how it was used. */
  readonly deviations: readonly ReportedDeviation[];
  /** Every finding, justified or not, in a stable order. */
  readonly findings: readonly Finding[];
  /** Self-service requests in force and dropped, and delivery times from the operations log. */
  readonly selfService: SelfServiceReport;
  /** Each environment's cluster add-ons: chart and version, and whether paved's default, changed, the platform team's own, or off. */
  readonly addOns: Readonly<Record<string, readonly ReportedAddOn[]>>;
  /** The stacks that wait for facts not recorded yet (day 0), by id. */
  readonly waiting: readonly WaitingStack[];
}

/** The self-service part of the report. */
export interface SelfServiceReport {
  /** Ephemeral environments in this output, by name. */
  readonly ephemeralEnvironments: readonly { readonly name: string; readonly from: string; readonly expires: string; readonly by: string }[];
  /** Access grants in force. */
  readonly activeAccessGrants: number;
  /** Access grants the synth dropped: past their day, or to an ephemeral environment that is gone. */
  readonly droppedAccessGrants: readonly DroppedAccessGrant[];
  /** Secrets rotated through `paved secret rotate`, with their generation. */
  readonly secretRotations: readonly SecretRotationRecord[];
  /** Delivery times of self-service requests, from the operations log. */
  readonly delivery: DeliveryMetrics;
}

/** What the synth counted. */
export interface OutputTotals {
  /** Terraform stacks written. */
  readonly stacks: number;
  /** Kubernetes manifest files written. */
  readonly manifests: number;
  /** Backstage catalog entities written. */
  readonly catalogEntities: number;
}

/**
 * Builds the report from the guardrails' result (or from nothing, when they did not run), and
 * the cluster add-ons read from the rendered output (`reportedAddOns`).
 */
export function buildReport(
  platform: Platform, totals: OutputTotals, policy: PolicyResult | undefined, asOf: string,
  addOns: Readonly<Record<string, readonly ReportedAddOn[]>> = {},
): PlatformReport {
  const services = platform.declaredComponents;
  const teamOf = (declaredBy: string) => platform.declaredComponent(declaredBy)?.team ?? 'platform';
  const deviations: ReportedDeviation[] = sortedBy(policy?.deviations ?? [], ({ deviation }) => `${deviation.declaredBy}\u0000${deviation.ruleId}`)
    .map(({ deviation, justified }) => {
      const expiresInDays = daysBetween(asOf, deviation.expires);
      return {
        ruleId: deviation.ruleId,
        reason: deviation.reason,
        owner: deviation.owner,
        expires: deviation.expires,
        declaredBy: deviation.declaredBy,
        team: teamOf(deviation.declaredBy),
        justified,
        stale: justified === 0,
        expiresInDays,
        expiringSoon: expiresInDays <= EXPIRY_WARNING_DAYS,
      };
    });
  const inUse = deviations.filter((d) => !d.stale);
  const findings = policy?.findings ?? [];
  const count = (key: (d: ReportedDeviation) => string) => Object.fromEntries(
    sortedBy(groupBy(inUse, key), ([k]) => k).map(([k, group]) => [k, group.length]),
  );
  const inUseBy = (key: (d: ReportedDeviation) => string) => {
    const groups = groupBy(inUse, key);
    return (k: string) => groups.get(k)?.length ?? 0;
  };
  const byTeam = inUseBy((d) => d.team);
  const byService = inUseBy((d) => d.declaredBy);
  const servicesPerTeam = groupBy(services, (s) => s.team);
  const onGoldenPath = services.filter((s) => s.goldenPath !== 'none').length;
  const servicesWithDeviations = services.filter((s) => byService(s.name) > 0).length;

  return {
    platform: platform.name,
    asOf,
    checked: policy !== undefined,
    environments: platform.environments.map((e) => ({ name: e.name, tier: e.tier, account: e.account, region: e.region })),
    teams: sortedBy(platform.teams, (t) => t.name).map((t) => ({
      name: t.name,
      services: servicesPerTeam.get(t.name)?.length ?? 0,
      deviations: byTeam(t.name),
    })),
    services: services.map((s) => ({
      name: s.name,
      team: s.team,
      goldenPath: s.goldenPath,
      deviations: byService(s.name),
    })),
    totals: {
      ...totals,
      services: services.length,
      errors: findings.filter((f) => f.level === 'error' && !f.justification).length,
      warnings: findings.filter((f) => f.level === 'warning' && !f.justification).length,
      justified: findings.filter((f) => f.justification).length,
      deviations: inUse.length,
      staleDeviations: deviations.length - inUse.length,
    },
    adoption: { onGoldenPath, services: services.length, rate: ratio(onGoldenPath, services.length) },
    deviationRate: ratio(servicesWithDeviations, services.length),
    deviationsByTeam: count((d) => d.team),
    deviationsByRule: count((d) => d.ruleId),
    deviations,
    findings,
    selfService: selfServiceReport(platform),
    addOns,
    waiting: waitingStacks(platform),
  };
}

/** The stacks that wait for facts, by id; the facts file is named by its file name, which the output may show. */
export function waitingStacks(platform: Platform): WaitingStack[] {
  const factsFile = platform.facts.file === undefined ? undefined : basename(platform.facts.file);
  const stacks = platform.terraformApp.node.children.filter(PlatformStack.isPlatformStack).filter((s) => s.waitsFor.length > 0);
  return sortedBy(stacks, (s) => s.node.id).map((s) => ({
    stack: s.node.id,
    environment: s.environment.name,
    waitsFor: s.waitsFor,
    unblock: describeWaits(s.waitsFor, factsFile),
  }));
}

function selfServiceReport(platform: Platform): SelfServiceReport {
  const { selfService } = platform;
  const grants = selfService.accessGrants(platform.asOf);
  return {
    ephemeralEnvironments: selfService.activeEnvironments(platform.asOf).map(({ name, from, expires, by }) => ({ name, from, expires, by })),
    activeAccessGrants: grants.active.length,
    droppedAccessGrants: grants.dropped,
    secretRotations: selfService.state.secretRotations,
    delivery: deliveryMetrics(selfService.operations),
  };
}
