import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** The API version of the catalog's built-in kinds. */
export const BACKSTAGE_API_VERSION = 'backstage.io/v1alpha1';

/** A link shown on an entity's page. */
export interface EntityLink {
  /** The target, an http(s) URL. */
  readonly url: string;
  /** The link text. */
  readonly title: string;
  /**
   * An icon key known to Backstage (`dashboard`, `docs`, `alert`, `github`...).
   * @default - none
   */
  readonly icon?: string;
}

/** The stage of a component or API in its life. */
export type EntityLifecycle = 'experimental' | 'production' | 'deprecated';

/** The parts of an entity that every kind shares. */
export interface EntityDefinition {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly tags?: readonly string[];
  readonly links?: readonly EntityLink[];
  readonly spec: Record<string, unknown>;
}

/** Problems with `links`, for the prop `prop`. */
export function linkProblems(prop: string, links: readonly EntityLink[]): string[] {
  return links.filter((l) => !/^https?:\/\/\S+$/.test(l.url)).map((l) => `'${prop}' must hold http(s) URLs (got '${l.url}' for '${l.title}').`);
}

/**
 * A Backstage catalog entity as an object of the catalog chart (written to
 * `catalog/<kind>-<name>.yaml`), with the id `Resource`.
 */
export function createEntity(scope: Construct, entity: EntityDefinition): ApiObject {
  return new ApiObject(scope, 'Resource', {
    apiVersion: entity.apiVersion ?? BACKSTAGE_API_VERSION,
    kind: entity.kind,
    metadata: {
      name: entity.name,
      annotations: entity.annotations && { ...entity.annotations },
      // ApiObjectMetadata has no field for these; the catalog schema does.
      ...({
        title: entity.title,
        description: entity.description,
        tags: entity.tags && [...entity.tags],
        links: entity.links?.map((l) => ({ ...l })),
      } as object),
    },
    spec: entity.spec,
  });
}
