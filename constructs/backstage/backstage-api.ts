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
  /** Where the definition is published: a link on the entity's page (the catalog never reads it). */
  readonly definitionUrl: string;
  /**
   * The definition itself, written into the entity.
   * @default - a stand-in definition of `type` that describes no operation and says where the
   *   definition is published, so that ingesting the entity needs no network read
   */
  readonly definition?: string;
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
  /** The definition in the entity: `props.definition`, or a stand-in that points at `props.definitionUrl`. */
  public readonly definition: string;
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
    this.definition = props.definition ?? standInDefinition(this.type, this.name, props.definitionUrl);
    this.resource = createEntity(this, {
      kind: 'API',
      name: this.name,
      description: props.description,
      links: [{ url: props.definitionUrl, title: 'Definition', icon: 'docs' }],
      spec: {
        type: this.type,
        lifecycle: this.lifecycle,
        owner: `group:${props.provider.owner}`,
        system: props.provider.system,
        definition: this.definition,
      },
    });
  }
}

/**
 * A definition of `type` that describes no operation and says where the real one is published.
 * The catalog ingests it without reading anything (a `$text` placeholder would make Backstage
 * fetch the URL, which fails where no integration can read it), and the API page shows the note.
 */
function standInDefinition(type: ApiType, name: string, definitionUrl: string): string {
  const note = `The definition of ${name} is published at ${definitionUrl}; the catalog does not copy it.`;
  switch (type) {
    case 'openapi':
      return `${JSON.stringify({ openapi: '3.0.3', info: { title: name, version: 'unpublished', description: note }, paths: {} }, null, 2)}\n`;
    case 'asyncapi':
      return `${JSON.stringify({ asyncapi: '2.6.0', info: { title: name, version: 'unpublished', description: note }, channels: {} }, null, 2)}\n`;
    case 'graphql':
      return `# ${note}\n`;
    case 'grpc':
      return `// ${note}\nsyntax = "proto3";\n`;
  }
}
