import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createEntity } from './backstage-entity';
import { PlatformChart } from '../../src/platform/platform-chart';
import { sortedBy } from '../../src/util/sorted-by';

/** Props of a `BackstageSystem`. */
export interface BackstageSystemProps {
  /** The business domain (a team's `domain`). */
  readonly domain: string;
  /**
   * The owning team.
   * @default - the first team, by name, whose domain it is
   */
  readonly owner?: string;
  /**
   * What the system does.
   * @default - none
   */
  readonly description?: string;
}

/** The catalog System of a business domain; the components of its teams belong to it. */
export class BackstageSystem extends Construct {
  /** The business domain the System stands for, from `props.domain` (a team's `domain`). */
  public readonly domain: string;
  /** The owning team's name: `props.owner`, or the first team by name whose domain it is. */
  public readonly owner: string;
  /** The System entity. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: BackstageSystemProps) {
    super(scope, id);
    const platform = PlatformChart.of(this).platform;
    this.domain = props.domain;
    const [first] = sortedBy(platform.teams.filter((t) => t.domain === props.domain), (t) => t.name);
    this.owner = platform.team(props.owner ?? first?.name ?? props.domain).name;
    this.resource = createEntity(this, {
      kind: 'System',
      name: this.domain,
      description: props.description,
      spec: { owner: `group:${this.owner}` },
    });
  }
}
