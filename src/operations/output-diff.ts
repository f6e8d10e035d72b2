import { GuardrailChanges, guardrailChanges } from './guardrail-changes';
import { ManifestAspect, ManifestChange, manifestChanges } from './manifest-changes';
import { OUTPUT_LAYERS, OutputFileOwner, OutputFileOwners, OutputLayer, PLATFORM_OWNER } from './output-file-owner';
import type { OutputSnapshot } from './output-snapshot';
import { ChangeRisk, PlannedChanges, PlannedResourceChange } from './planned-resource-change';
import { sortedBy } from '../util/sorted-by';

/** How a file differs between the base and the head output. */
export type FileChange = 'added' | 'removed' | 'modified';

/** One file that differs between the base and the head output, with who owns it. */
export interface ChangedFile extends OutputFileOwner {
  /** The file's path in the output: `gitops/dev/apps/checkout/deployment-checkout.yaml`. */
  readonly path: string;
  /** How it differs. */
  readonly change: FileChange;
  /** What changed in its Kubernetes objects, named (empty for other files and unnamed changes). */
  readonly manifestChanges: readonly ManifestChange[];
}

/** Files added, removed and modified, counted. */
export interface FileChangeCounts {
  /** Files in head only. */
  readonly added: number;
  /** Files in base only. */
  readonly removed: number;
  /** Files in both, with other content. */
  readonly modified: number;
}

/** The changes of one service (or of `platform`). */
export interface ServiceChanges {
  /** The service, or `platform`. */
  readonly service: string;
  /** The team that owns it, or `platform`. */
  readonly team: string;
  /** `added` when the service is new in head, `removed` when it is gone, `changed` otherwise. */
  readonly status: 'added' | 'removed' | 'changed';
  /** The environments its changed files deploy to, sorted. */
  readonly environments: readonly string[];
  /** Its changed files, counted per layer (every layer, 0 when none). */
  readonly layers: Readonly<Record<OutputLayer, number>>;
  /** The aspects of its named manifest changes, the sensitive ones (RBAC, Argo CD scoping, network policy) first. */
  readonly aspects: readonly ManifestAspect[];
  /** Its planned resource changes (from `--risk`), riskiest first. */
  readonly planned: readonly PlannedResourceChange[];
}

/** What `paved diff --json` prints: how the head synth output differs from the base. */
export interface OutputDiff {
  /** `paved-output-diff/1`. */
  readonly format: 'paved-output-diff/1';
  /** Whether anything differs: a file, a finding, a deviation or a planned resource change. */
  readonly changed: boolean;
  /** Changed files, services (not counting `platform`) and their teams. */
  readonly totals: { readonly files: number; readonly services: number; readonly teams: number };
  /** Changed files per layer, every layer listed. */
  readonly layers: Readonly<Record<OutputLayer, FileChangeCounts>>;
  /** Every changed file, by path. */
  readonly files: readonly ChangedFile[];
  /** The services with changes, by name, `platform` last. */
  readonly services: readonly ServiceChanges[];
  /** Findings and deviations that appeared or went away. */
  readonly guardrails: GuardrailChanges;
  /** The planned resource changes of `--risk`, riskiest first, then by stack and address; empty without it. */
  readonly planned: readonly PlannedResourceChange[];
  /**
   * The stacks `--risk` planned, and those of them planned against the base's planned state
   * (whose replacements and deletions show); absent without `--risk`.
   */
  readonly plannedStacks?: { readonly planned: readonly string[]; readonly againstBase: readonly string[] };
}

const RISK_ORDER: Readonly<Record<ChangeRisk, number>> = { high: 0, medium: 1, low: 2 };
const ASPECT_ORDER: readonly ManifestAspect[] = ['rbac', 'argocd-scoping', 'network-policy', 'image', 'replicas', 'probes', 'resources'];

/**
 * Compares two synth outputs by their `manifest.json` (paths and SHA-256) and, for the files
 * that differ, their content; attributes every changed file to a layer, environment, service and
 * team; and merges the planned resource changes of `paved plan --changed --risk` when given.
 */
export function diffOutputs(base: OutputSnapshot, head: OutputSnapshot, planned?: PlannedChanges): OutputDiff {
  const teams = new Map<string, string>([...base.report?.services ?? [], ...head.report?.services ?? []].map((s) => [s.name, s.team]));
  const owners = new OutputFileOwners({ stacks: [...head.stacks, ...base.stacks], teams });
  const files: ChangedFile[] = [];
  for (const path of [...new Set([...base.files.keys(), ...head.files.keys()])].sort()) {
    const before = base.files.get(path);
    const after = head.files.get(path);
    if (before === after) {
      continue;
    }
    const change: FileChange = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
    const owner = owners.ownerOf(path);
    const named = owner.layer === 'gitops' && /\.ya?ml$/.test(path)
      ? manifestChanges(before === undefined ? undefined : base.read(path), after === undefined ? undefined : head.read(path))
      : [];
    files.push({ path, change, ...owner, manifestChanges: named });
  }
  const plannedChanges = sortedBy(planned?.changes ?? [], (c) => `${RISK_ORDER[c.risk]}\u0000${c.stack}\u0000${c.address}`);
  const inBase = new Set(base.report?.services.map((s) => s.name));
  const services = serviceChanges(files, plannedChanges, inBase, new Set(head.report?.services.map((s) => s.name)));
  const guardrails = guardrailChanges(base.report, head.report);
  const serviceTeams = new Set(services.filter((s) => s.service !== PLATFORM_OWNER).map((s) => s.team));
  return {
    format: 'paved-output-diff/1',
    changed: files.length > 0 || plannedChanges.length > 0 || guardrails.findings.appeared.length > 0 || guardrails.findings.wentAway.length > 0
      || guardrails.deviations.appeared.length > 0 || guardrails.deviations.wentAway.length > 0,
    totals: { files: files.length, services: services.filter((s) => s.service !== PLATFORM_OWNER).length, teams: serviceTeams.size },
    layers: Object.fromEntries(OUTPUT_LAYERS.map((layer) => {
      const of = files.filter((f) => f.layer === layer);
      return [layer, { added: count(of, 'added'), removed: count(of, 'removed'), modified: count(of, 'modified') }];
    })) as Record<OutputLayer, FileChangeCounts>,
    files,
    services,
    guardrails,
    planned: plannedChanges,
    ...(planned ? { plannedStacks: { planned: planned.planned, againstBase: planned.plannedAgainstBase ?? [] } } : {}),
  };
}

function count(files: readonly ChangedFile[], change: FileChange): number {
  return files.filter((f) => f.change === change).length;
}

function serviceChanges(
  files: readonly ChangedFile[],
  planned: readonly PlannedResourceChange[],
  inBase: ReadonlySet<string>,
  inHead: ReadonlySet<string>,
): ServiceChanges[] {
  const names = [...new Set([...files.map((f) => f.service), ...planned.map((c) => c.service)])];
  const ordered = sortedBy(names, (name) => `${name === PLATFORM_OWNER ? 1 : 0}${name}`);
  return ordered.map((service) => {
    const own = files.filter((f) => f.service === service);
    const ownPlanned = planned.filter((c) => c.service === service);
    const aspects = new Set(own.flatMap((f) => f.manifestChanges.map((c) => c.aspect)));
    const environments = new Set([...own.flatMap((f) => f.environment ?? []), ...ownPlanned.map((c) => c.environment)]);
    return {
      service,
      team: service === PLATFORM_OWNER ? PLATFORM_OWNER : own[0]?.team ?? ownPlanned[0].team,
      status: statusOf(service, inBase, inHead),
      environments: [...environments].sort(),
      layers: Object.fromEntries(OUTPUT_LAYERS.map((layer) => [layer, own.filter((f) => f.layer === layer).length])) as Record<OutputLayer, number>,
      aspects: ASPECT_ORDER.filter((a) => aspects.has(a)),
      planned: ownPlanned,
    };
  });
}

function statusOf(service: string, inBase: ReadonlySet<string>, inHead: ReadonlySet<string>): ServiceChanges['status'] {
  if (inHead.has(service) && !inBase.has(service)) {
    return 'added';
  }
  return inBase.has(service) && !inHead.has(service) ? 'removed' : 'changed';
}
