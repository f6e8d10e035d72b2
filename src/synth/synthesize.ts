import { createHash } from 'crypto';
import { performance } from 'perf_hooks';
import { Chart } from 'cdk8s';
import { TerraformStack } from 'cdktf';
import { RenderedObject, renderChartObjects, renderObjectFiles } from './kubernetes-manifests';
import { OutputFile } from './output-file';
import { canonicalJson, renderTerraformStack } from './terraform-json';
import { writeDirectoryAtomically } from './write-directory-atomically';
import type { Platform } from '../platform/platform';
import { PlatformChart } from '../platform/platform-chart';
import { PlatformStack } from '../platform/platform-stack';
import { sortedBy } from '../util/sorted-by';

/** Options of `Platform.synth`. */
export interface SynthOptions {
  /** The directory to write; it is replaced as a whole. */
  readonly outdir: string;
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
  /** Wall time of the synth. */
  readonly durationMs: number;
}

/** Name of the file that lists every output file with its SHA-256. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * The one synth pipeline: renders every stack and chart in memory (each once, in a stable
 * order), adds the report and the manifest, then writes the output directory atomically.
 */
export function synthesize(platform: Platform, options: SynthOptions): SynthSummary {
  const started = performance.now();
  const files: OutputFile[] = [];

  const stacks = sortedBy(platform.terraformApp.node.children.filter(TerraformStack.isStack), (s) => s.node.id);
  for (const stack of stacks) {
    if (!PlatformStack.isPlatformStack(stack)) {
      throw new Error(`Stack '${stack.node.id}' was not created through the platform; get stacks from platform.placement(...).stack.`);
    }
    files.push({ path: `${stack.outputDirectory}/cdk.tf.json`, content: renderTerraformStack(stack) });
  }

  let manifests = 0;
  let catalogEntities = 0;
  const charts = sortedBy(platform.kubernetesApp.node.children.filter(Chart.isChart), (c) => c.node.id);
  const objectsByDirectory = new Map<string, { objects: RenderedObject[]; kustomization: boolean }>();
  for (const chart of charts) {
    if (!PlatformChart.isPlatformChart(chart)) {
      throw new Error(`Chart '${chart.node.id}' was not created through the platform; get charts from platform.placement(...).chart.`);
    }
    const objects = renderChartObjects(chart);
    const entry = objectsByDirectory.get(chart.outputDirectory) ?? { objects: [], kustomization: chart.kustomization };
    entry.objects.push(...objects);
    objectsByDirectory.set(chart.outputDirectory, entry);
    if (chart.kustomization) {
      manifests += objects.length;
    } else {
      catalogEntities += objects.length;
    }
  }
  for (const directory of sortedBy(objectsByDirectory.keys(), (d) => d)) {
    const { objects, kustomization } = objectsByDirectory.get(directory)!;
    files.push(...renderObjectFiles(platform, directory, objects, kustomization));
  }

  files.push({
    path: 'report/report.json',
    content: `${canonicalJson({
      platform: platform.name,
      environments: platform.environments.map((e) => ({ name: e.name, tier: e.tier, account: e.account, region: e.region })),
      teams: sortedBy(platform.teams.map((t) => t.name), (t) => t),
      services: platform.declaredComponents,
      totals: { stacks: stacks.length, manifests, catalogEntities },
    })}\n`,
  });
  files.push({ path: MANIFEST_FILE, content: renderManifest(files) });

  writeDirectoryAtomically(options.outdir, files);
  return {
    outdir: options.outdir,
    stacks: stacks.length,
    manifests,
    catalogEntities,
    files: files.length,
    durationMs: performance.now() - started,
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

