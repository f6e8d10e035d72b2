import { ADD_ONS_OFF_ANNOTATION, ADD_ON_CHOICE_ANNOTATION, AddOnChoiceRecord, AddOnOffReason } from '../platform/add-on-choice';
import { ADD_ON_LABEL } from '../platform/cluster-capabilities';
import type { RenderedPlatform } from '../platform/rendered-platform';
import { sortedBy } from '../util/sorted-by';

/** One cluster add-on of one environment, as the report shows it. */
export interface ReportedAddOn {
  /** The add-on's id. */
  readonly name: string;
  /** `<chart>@<version>`, or `-` when it is not installed. */
  readonly chart: string;
  /** The chart's repository, or `-` when it is not installed. */
  readonly repoURL: string;
  /** paved's default, changed (version or values), the platform team's own, or off. */
  readonly status: 'default' | 'changed' | 'own' | 'off';
  /** For `changed`: what (`version`, `values`); for `off`: why (`opt-in`, `turned-off`); else empty. */
  readonly detail: string;
}

/** The platform AppProject's name, whose `paved.dev/add-ons-off` lists the add-ons not installed. */
const PLATFORM_PROJECT = 'platform';

function parsed<T>(text: string | undefined, fallback: T): T {
  if (text === undefined) {
    return fallback;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * The cluster add-ons of each environment, read from the rendered Argo CD objects: each
 * Application labelled `paved.dev/add-on` with its chart, version and `paved.dev/add-on-choice`,
 * and the add-ons the platform AppProject's `paved.dev/add-ons-off` lists; sorted by name.
 */
export function reportedAddOns(rendered: RenderedPlatform): Record<string, readonly ReportedAddOn[]> {
  const byEnvironment = new Map<string, ReportedAddOn[]>();
  for (const file of rendered.directories.flatMap((d) => d.files)) {
    const environment = file.chart.environment?.name;
    const { object } = file;
    if (environment === undefined || !object.apiVersion.startsWith('argoproj.io/')) {
      continue;
    }
    const list = byEnvironment.get(environment) ?? [];
    const name = object.metadata.labels?.[ADD_ON_LABEL];
    if (object.kind === 'Application' && typeof name === 'string') {
      const source = object.spec?.source ?? {};
      const record = parsed<AddOnChoiceRecord>(object.metadata.annotations?.[ADD_ON_CHOICE_ANNOTATION], { choice: 'own' });
      list.push({
        name,
        chart: `${source.chart ?? source.path ?? '?'}@${source.targetRevision ?? '?'}`,
        repoURL: String(source.repoURL ?? '?'),
        status: record.choice,
        detail: (record.changed ?? []).join(', '),
      });
    } else if (object.kind === 'AppProject' && object.metadata.name === PLATFORM_PROJECT) {
      const off = parsed<Record<string, AddOnOffReason>>(object.metadata.annotations?.[ADD_ONS_OFF_ANNOTATION], {});
      list.push(...Object.entries(off).map(([offName, why]) => ({ name: offName, chart: '-', repoURL: '-', status: 'off' as const, detail: why })));
    } else {
      continue;
    }
    byEnvironment.set(environment, list);
  }
  return Object.fromEntries(sortedBy([...byEnvironment], ([e]) => e).map(([e, list]) => [e, sortedBy(list, (a) => a.name)]));
}
