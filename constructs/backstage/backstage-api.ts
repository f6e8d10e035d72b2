import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { BackstageComponent } from './backstage-component';
import { EntityLifecycle, createEntity } from './backstage-entity';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** The format of an API's definition. */
export type ApiType = 'openapi' | 'asyncapi' | 'graphql' | 'grpc';

/** Props of a `BackstageApi`. */
export interface BackstageApiProps {
  /** The component that provides the API (its owner and system are the API's). */
  readonly provider: BackstageComponent;
  /** The format of the definition. */
  readonly type: ApiType;
  /** Where the definition is published (read by Backstage through a `$text` placeholder). */
  readonly definitionUrl: string;
  /**
   * The entity's name.
   * @default - the provider's name
   */
  readonly name?: string;
  /**
   * Its stage.
   * @default - the provider's lifecycle
   */
  readonly lifecycle?: EntityLifecycle;
  /**
   * What it offers.
   * @default - none
   */
  readonly description?: string;
}

/** The catalog API entity of a service that publishes a definition. */
export class BackstageApi extends Construct {
  /** The entity's name: `props.name`, or the provider's component name. */
  public readonly name: string;
  /** The format of the definition (`openapi`, `grpc`, ...), from `props.type`. */
  public readonly type: ApiType;
  /** The API's stage: `props.lifecycle`, or the provider's lifecycle. */
  public readonly lifecycle: EntityLifecycle;
  /** The API entity. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: BackstageApiProps) {
    super(scope, id);
    if (!/^https?:\/\/\S+$/.test(props.definitionUrl)) {
      throw new PavedValidationError(this, `'definitionUrl' must be an http(s) URL (got '${props.definitionUrl}').`);
    }
    this.name = props.name ?? props.provider.component;
    this.type = props.type;
    this.lifecycle = props.lifecycle ?? props.provider.lifecycle;
    this.resource = createEntity(this, {
      kind: 'API',
      name: this.name,
      description: props.description,
      spec: {
        type: this.type,
        lifecycle: this.lifecycle,
        owner: `group:${props.provider.owner}`,
        system: props.provider.system,
        definition: { $text: props.definitionUrl },
      },
    });
  }
}
