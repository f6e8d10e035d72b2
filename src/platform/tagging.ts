/**
 * Who owns a piece of output. One set of facts becomes the AWS tags of every taggable resource
 * and the labels of every Kubernetes object.
 */
export interface Ownership {
  /** The platform's name. */
  readonly platform: string;
  /** The environment's name. */
  readonly environment: string;
  /** The owning team; `platform` for what the platform itself runs. */
  readonly team: string;
  /** The service, or `platform` for the platform's own infrastructure. */
  readonly service: string;
  /** The golden path the service is built from; `none` when it is not built from one. */
  readonly goldenPath: string;
}

/** The value of the `managed-by` tag and label. */
export const MANAGED_BY = 'paved';

/** AWS tag keys, in the `paved:` namespace. */
export const TAG_KEYS = {
  platform: 'paved:platform',
  environment: 'paved:environment',
  team: 'paved:team',
  service: 'paved:service',
  goldenPath: 'paved:golden-path',
  managedBy: 'paved:managed-by',
  /** Not ownership: the deviations a stack uses, written at synth for audit. */
  deviations: 'paved:deviations',
} as const;

/** Kubernetes label keys: the recommended `app.kubernetes.io` ones plus `paved.dev` ones. */
export const LABEL_KEYS = {
  platform: 'app.kubernetes.io/part-of',
  service: 'app.kubernetes.io/name',
  managedBy: 'app.kubernetes.io/managed-by',
  environment: 'paved.dev/environment',
  /** On Argo CD Applications, the component they deploy (Backstage and the portal select on it). */
  component: 'paved.dev/component',
  team: 'paved.dev/team',
  goldenPath: 'paved.dev/golden-path',
  /** Not ownership: on a team's namespaces, the team they belong to (the platform owns them). */
  tenant: 'paved.dev/tenant',
} as const;

/** The AWS tags for what `ownership` describes. */
export function awsTags(ownership: Ownership): Record<string, string> {
  return {
    [TAG_KEYS.platform]: ownership.platform,
    [TAG_KEYS.environment]: ownership.environment,
    [TAG_KEYS.team]: ownership.team,
    [TAG_KEYS.service]: ownership.service,
    [TAG_KEYS.goldenPath]: ownership.goldenPath,
    [TAG_KEYS.managedBy]: MANAGED_BY,
  };
}

/** The Kubernetes labels for what `ownership` describes. */
export function kubernetesLabels(ownership: Ownership): Record<string, string> {
  return {
    [LABEL_KEYS.platform]: ownership.platform,
    [LABEL_KEYS.service]: ownership.service,
    [LABEL_KEYS.managedBy]: MANAGED_BY,
    [LABEL_KEYS.environment]: ownership.environment,
    [LABEL_KEYS.team]: ownership.team,
    [LABEL_KEYS.goldenPath]: ownership.goldenPath,
  };
}
