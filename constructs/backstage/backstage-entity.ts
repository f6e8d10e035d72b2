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
  /** The entity's `apiVersion`; `backstage.io/v1alpha1` when none is given. */
  readonly apiVersion?: string;
  /** The entity's `kind`: `Component`, `API`, `System`, `Group`, `Template`, `Location`. */
  readonly kind: string;
  /** The entity's `metadata.name`, unique per kind in the catalog. */
  readonly name: string;
  /** The display name (`metadata.title`); none leaves Backstage showing `name`. */
  readonly title?: string;
  /** A one-line description (`metadata.description`); none omits it. */
  readonly description?: string;
  /** `metadata.annotations`; none omits them. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** `metadata.tags`; none omits them. */
  readonly tags?: readonly string[];
  /** `metadata.links`; none omits them. */
  readonly links?: readonly EntityLink[];
  /** The kind's `spec`, written as given. */
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
