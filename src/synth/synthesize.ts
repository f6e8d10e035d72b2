import { performance } from 'perf_hooks';
import { PORTAL_PAGE_FILE, REPORT_JSON_FILE, REPORT_PAGE_FILE } from './added-file-paths';
import { MANIFEST_FILE, OUTPUT_FORMAT } from './output-directory';
import { FileDigest } from './output-file';
import { renderPlatform } from './render-platform';
import { STACK_GRAPH_FILE, stackGraphOf } from './stack-graph';
import { StagedOutput } from './staged-output';
import { kustomizationOf } from '../engine/kubernetes-manifests';
import type { Platform } from '../platform/platform';
import { RenderedDirectory } from '../platform/rendered-platform';
import { checkPlatform } from '../policy/check-platform';
import { GuardrailViolationError } from '../policy/guardrail-violation-error';
import { DEFAULT_PACKS } from '../policy/packs/default-packs';
import { WaitingStack, buildReport } from '../policy/platform-report';
import { PolicyResult } from '../policy/policy-engine';
import { recordDeviations } from '../policy/record-deviations';
import { reportedAddOns } from '../policy/reported-add-ons';
import { Rule } from '../policy/rule';
import { buildPortalModel } from '../portal/portal-model';
import { renderPortalPage } from '../portal/portal-page';
import { renderReportPage } from '../portal/report-page';

/** Options of `synth`. */
export interface SynthOptions {
  /**
   * The directory to write; it is replaced as a whole, and so must be missing, empty or a
   * previous output (see `OutputDirectory`); anything else is refused before anything is written.
   */
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
  /**
   * Whether files are serialized and written on a worker thread while the platform is still
   * being rendered (the output is the same either way).
   * @default - for platforms of at least 60 stacks
   */
  readonly backgroundWriter?: boolean;
  /**
   * The rule packs the guardrails run, each a list of rules; a deviation must name a rule of one
   * of them. Add a pack with `[...DEFAULT_PACKS, myPack]`, replace one by leaving it out.
   * @default DEFAULT_PACKS - `AWS_PACK`, `KUBERNETES_PACK`, `PLATFORM_PACK` and `CLOSURE_PACK`
   */
  readonly packs?: readonly (readonly Rule[])[];
}

/** Stacks from which a synth writes on a worker thread by default: below, starting it costs more than it saves. */
const BACKGROUND_WRITER_MIN_STACKS = 60;

/** Where a synth spent its time, in milliseconds. */
export interface SynthPhases {
  /**
   * Rendering every stack and chart to JSON in memory (cdktf and cdk8s synthesis); with the
   * background writer, its files are serialized and written meanwhile.
   */
  readonly synth: number;
  /** Running the guardrails (0 when they did not run). */
  readonly check: number;
  /** Writing what is not written yet, the report, the portal and the manifest, and swapping the output directory in. */
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
  /**
   * Whether the output is byte-identical to the previous output it replaced: the same
   * `manifest.json`, which lists every file with its SHA-256. False when `outdir` held none.
   */
  readonly unchanged: boolean;
  /** The guardrails' result, absent when they did not run. */
  readonly policy?: PolicyResult;
  /** The stacks that wait for facts not recorded yet (day 0), as the report lists them. */
  readonly waiting: readonly WaitingStack[];
  /** Wall time of the synth. */
  readonly durationMs: number;
  /** Wall time of each phase of the synth. */
  readonly phases: SynthPhases;
}

export { MANIFEST_FILE };
export { today } from '../util/today';

/**
 * The one synth pipeline: renders every stack and chart in memory (each once, in a stable
 * order), runs the guardrails once over the result, records the deviations used, adds the
 * report, the portal and the manifest, then writes the output directory atomically.
 *
 * @throws GuardrailViolationError when a guardrail error has no deviation; nothing is written
 * @throws OutputRefusedError when `outdir` is not paved's to replace; nothing is touched
 */
export function synth(platform: Platform, options: SynthOptions): SynthSummary {
  const started = performance.now();
  const asOf = platform.judgementDay(options.asOf);
  const background = options.backgroundWriter ?? platform.terraformApp.node.children.length >= BACKGROUND_WRITER_MIN_STACKS;
  const output = new StagedOutput(options.outdir, { background });
  try {
    const rendered = renderPlatform(platform, {
      directory: (directory) => putDirectory(output, directory),
      stack: ({ path, json }) => output.put({ path, format: 'json', value: json }),
    });
    const renderedAt = performance.now();

    const policy = options.check === false ? undefined : checkPlatform(platform, rendered, asOf, options.packs ?? DEFAULT_PACKS);
    const checkedAt = performance.now();
    if (policy && policy.unjustifiedErrors.length > 0) {
      throw new GuardrailViolationError(platform, policy);
    }
    if (policy) {
      const changed = recordDeviations(rendered, policy.findings);
      rendered.stacks.filter((s) => changed.has(s.path)).forEach(({ path, json }) => output.put({ path, format: 'json', value: json }));
      rendered.directories.flatMap((d) => d.files).filter((f) => changed.has(f.path))
        .forEach(({ path, object }) => output.put({ path, format: 'yaml', value: object }));
    }

    const manifests = rendered.directories.filter((d) => d.kustomization).reduce((sum, d) => sum + d.files.length, 0);
    const catalogEntities = rendered.directories.reduce((sum, d) => sum + d.files.length, 0) - manifests;
    output.put({ path: STACK_GRAPH_FILE, format: 'json', value: stackGraphOf(platform, rendered.stacks.map((s) => s.stack)) });
    platform.additionalFiles.forEach(({ path, content }) => output.put({ path, format: 'text', value: content }));
    const report = buildReport(platform, { stacks: rendered.stacks.length, manifests, catalogEntities }, policy, asOf, reportedAddOns(rendered));
    output.put({ path: REPORT_JSON_FILE, format: 'json', value: report });
    output.put({ path: REPORT_PAGE_FILE, format: 'text', value: renderReportPage(report) });
    output.put({ path: PORTAL_PAGE_FILE, format: 'text', value: renderPortalPage(buildPortalModel(platform, report, rendered.directories)) });
    const digests = output.digests();
    const manifest = renderManifest(digests);
    const unchanged = output.previous(MANIFEST_FILE) === manifest;
    output.put({ path: MANIFEST_FILE, format: 'text', value: manifest });
    output.commit();

    const writtenAt = performance.now();
    return {
      outdir: options.outdir,
      stacks: rendered.stacks.length,
      manifests,
      catalogEntities,
      files: digests.length + 1,
      unchanged,
      policy,
      waiting: report.waiting,
      durationMs: writtenAt - started,
      phases: { synth: renderedAt - started, check: checkedAt - renderedAt, write: writtenAt - checkedAt },
    };
  } catch (error) {
    output.discard();
    throw error;
  }
}

/** The objects of `directory`, and its `kustomization.yaml` when it has one. */
function putDirectory(output: StagedOutput, { directory, kustomization, components, files }: RenderedDirectory): void {
  files.forEach(({ path, object }) => output.put({ path, format: 'yaml', value: object }));
  if (kustomization) {
    const fileNames = files.map((f) => f.path.slice(directory.length + 1));
    output.put({ path: `${directory}/kustomization.yaml`, format: 'yaml', value: kustomizationOf(fileNames, components) });
  }
}

/**
 * `manifest.json`: paved's marker (`format`, which lets the next synth replace this output) and
 * every other output file with its size and SHA-256, sorted by path.
 */
function renderManifest(digests: readonly FileDigest[]): string {
  return `${JSON.stringify({ format: OUTPUT_FORMAT, files: digests }, undefined, 2)}\n`;
}
