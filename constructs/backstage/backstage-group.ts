import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createEntity } from './backstage-entity';
import { PlatformChart } from '../../src/platform/platform-chart';
import { Team } from '../../src/platform/team';

/** Props of a `BackstageGroup`. */
export interface BackstageGroupProps {
  /** The team, by name. */
  readonly team: string;
}

/**
 * The catalog Group of a team (type `team`): display name, email, and its chat and on-call
 * links. Components and systems name it as their owner.
 */
export class BackstageGroup extends Construct {
  /** The team the Group entity describes, looked up by `props.team`. */
  public readonly team: Team;
  /** The Group entity. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: BackstageGroupProps) {
    super(scope, id);
    this.team = PlatformChart.of(this).platform.team(props.team);
    const contact = this.team.contact;
    this.resource = createEntity(this, {
      kind: 'Group',
      name: this.team.name,
      title: this.team.displayName,
      links: [
        ...(contact.chat ? [{ url: contact.chat, title: 'Chat', icon: 'chat' }] : []),
        ...(contact.onCall ? [{ url: contact.onCall, title: 'On call', icon: 'alert' }] : []),
      ],
      spec: {
        type: 'team',
        profile: { displayName: this.team.displayName, email: contact.email },
        children: [],
      },
    });
  }
}
