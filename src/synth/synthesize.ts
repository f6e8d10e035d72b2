import { createHash } from 'crypto';
import { performance } from 'perf_hooks';
import { renderKustomization } from './kubernetes-manifests';
import { YamlWriter } from './yaml-writer';
import { OutputFile } from './output-file';
import { renderPlatform } from './rendered-platform';
import { STACK_GRAPH_FILE, stackGraphOf } from './stack-graph';
import { canonicalJson } from './terraform-json';
import { writeDirectoryAtomically } from './write-directory-atomically';
import type { Platform } from '../platform/platform';
import { checkPlatform } from '../policy/check-platform';
import { GuardrailViolationError } from '../policy/guardrail-violation-error';
import { buildReport } from '../policy/platform-report';
import { PolicyResult } from '../policy/policy-engine';
import { recordDeviations } from '../policy/record-deviations';
import { renderReportPage } from '../portal/report-page';
import { sortedBy } from '../util/sorted-by';

/** Options of `Platform.synth`. */
export interface SynthOptions {
  /** The directory to write; it is replaced as a whole. */
  readonly outdir: string;
  /**
   * Whether the guardrails run first (and stop the synth on an unjustified error). A synth
   * without them says so in the report.
   * @default true
   */
  readonly check?: boolean;
  /**
   * The day deviations are judged against (expired, expiring soon), `YYYY-MM-DD`.
   * @default - the platform's `asOf`
   */
  readonly asOf?: string;
}

/** Where a synth spent its time, in milliseconds. */
export interface SynthPhases {
  /** Rendering every stack and chart to JSON in memory (cdktf and cdk8s synthesis). */
  readonly synth: number;
  /** Running the guardrails (0 when they did not run). */
  readonly check: number;
  /** Serializing, building the report and the manifest, and writing the output directory. */
  readonly write: number;
}

/** What a synth wrote. */
export interface SynthSummary {
  /** The directory written. */
  readonly outdir: string;
  /** Terraform stacks. */
  readonly stacks: number;
  /** Kubernetes objects under `gitops/`. */
  readonly manifests: number;
  /** Backstage entities under `catalog/`. */
  readonly catalogEntities: number;
  /** Every file written, the manifest included. */
  readonly files: number;
  /** The guardrails' result, absent when they did not run. */
  readonly policy?: PolicyResult;
  /** Wall time of the synth. */
  readonly durationMs: number;
  /** Wall time of each phase of the synth. */
  readonly phases: SynthPhases;
}

/** Name of the file that lists every output file with its SHA-256. */
export const MANIFEST_FILE = 'manifest.json';

/** Today in UTC, `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The one synth pipeline: renders every stack and chart in memory (each once, in a stable
 * order), runs the guardrails once over the result, records the deviations used, adds the
 * report and the manifest, then writes the output directory atomically.
 *
 * @throws GuardrailViolationError when a guardrail error has no deviation; nothing is written
 */
export function synthesize(platform: Platform, options: SynthOptions): SynthSummary {
  const started = performance.now();
  const asOf = platform.judgementDay(options.asOf);
  const rendered = renderPlatform(platform);
  const renderedAt = performance.now();

  const policy = options.check === false ? undefined : checkPlatform(platform, rendered, asOf);
  const checkedAt = performance.now();
  if (policy && policy.unjustifiedErrors.length > 0) {
    throw new GuardrailViolationError(platform, policy);
  }
  if (policy) {
    recordDeviations(rendered, policy.findings);
  }

  const files: OutputFile[] = rendered.stacks.map(({ path, json }) => ({ path, content: canonicalJson(json) }));
  files.push({ path: STACK_GRAPH_FILE, content: canonicalJson(stackGraphOf(platform, rendered.stacks.map((s) => s.stack))) });
  const yaml = YamlWriter.manifests();
  let manifests = 0;
  let catalogEntities = 0;
  for (const { directory, kustomization, components, files: objects } of rendered.directories) {
    files.push(...objects.map(({ path, object }) => ({ path, content: yaml.stringify(object) })));
    if (kustomization) {
      manifests += objects.length;
      const fileNames = objects.map((o) => o.path.slice(directory.length + 1));
      files.push({ path: `${directory}/kustomization.yaml`, content: renderKustomization(fileNames, components, yaml) });
    } else {
      catalogEntities += objects.length;
    }
  }

  files.push(...platform.additionalFiles);
  const report = buildReport(platform, { stacks: rendered.stacks.length, manifests, catalogEntities }, policy, asOf);
  files.push({ path: 'report/report.json', content: canonicalJson(report) });
  files.push({ path: 'report/index.html', content: renderReportPage(report) });
  files.push({ path: MANIFEST_FILE, content: renderManifest(files) });

  writeDirectoryAtomically(options.outdir, files);
  const writtenAt = performance.now();
  return {
    outdir: options.outdir,
    stacks: rendered.stacks.length,
    manifests,
    catalogEntities,
    files: files.length,
    policy,
    durationMs: writtenAt - started,
    phases: { synth: renderedAt - started, check: checkedAt - renderedAt, write: writtenAt - checkedAt },
  };
}

/** `manifest.json`: every other output file with its size and SHA-256, sorted by path. */
function renderManifest(files: readonly OutputFile[]): string {
  const entries = sortedBy(files, (file) => file.path).map((file) => ({
    path: file.path,
    bytes: Buffer.byteLength(file.content),
    sha256: createHash('sha256').update(file.content).digest('hex'),
  }));
  return `${JSON.stringify({ files: entries }, undefined, 2)}\n`;
}
