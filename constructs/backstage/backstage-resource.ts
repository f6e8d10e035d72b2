import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { BackstageComponent } from './backstage-component';
import { createEntity } from './backstage-entity';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** Longest `metadata.name` the catalog accepts. */
const MAX_ENTITY_NAME_LENGTH = 63;

/** What kind of infrastructure a Resource entity is. */
export type ResourceType = 'database' | 'queue' | 'bucket';

/** Props of a `BackstageResource`. */
export interface BackstageResourceProps {
  /** The component whose infrastructure it is (the Resource is owned by its team and part of its system). */
  readonly component: BackstageComponent;
  /** The kind of infrastructure. */
  readonly type: ResourceType;
  /**
   * The name the service gives it (`invoices`).
   * @default - none: the service's only resource of `type` (its database)
   */
  readonly name?: string;
}

/**
 * The catalog Resource of a database, queue or bucket a service owns: owned by the service's team,
 * part of its system, a `dependencyOf` its component, so the catalog shows what runs.
 */
export class BackstageResource extends Construct {
  /** The entity name of the resource `name` of `type` of `component`: `<component>-<type>-<name>`, or `<component>-<type>` without a name. */
  public static entityName(component: string, type: ResourceType, name?: string): string {
    return [component, type, ...name === undefined ? [] : [name]].join('-');
  }

  /** The entity's name, `BackstageResource.entityName` of the props. */
  public readonly name: string;
  /** The kind of infrastructure (`spec.type`), from `props.type`. */
  public readonly type: ResourceType;
  /** The Resource entity. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: BackstageResourceProps) {
    super(scope, id);
    this.type = props.type;
    this.name = BackstageResource.entityName(props.component.component, props.type, props.name);
    if (this.name.length > MAX_ENTITY_NAME_LENGTH) {
      throw new PavedValidationError(this, `'name': the catalog entity '${this.name}' is ${this.name.length} characters, over the ${MAX_ENTITY_NAME_LENGTH} the catalog accepts (got '${props.name}' for component '${props.component.component}'); shorten the ${props.type} or service name.`);
    }
    this.resource = createEntity(this, {
      kind: 'Resource',
      name: this.name,
      description: `The ${props.type}${props.name === undefined ? '' : ` '${props.name}'`} of ${props.component.component}.`,
      spec: {
        type: this.type,
        owner: `group:${props.component.owner}`,
        system: props.component.system,
        dependencyOf: [`component:${props.component.component}`],
      },
    });
  }
}
