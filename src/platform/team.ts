import { checkName } from './names';
import { Prop, PropShape } from './prop-checker';

/** Longest team name: it is a Kubernetes namespace and part of names. */
export const MAX_TEAM_NAME_LENGTH = 30;

/** How to reach a team. */
export interface TeamContact {
  /** The team's email address. */
  readonly email: string;
  /**
   * The team's chat channel (a URL).
   * @default - none
   */
  readonly chat?: string;
  /**
   * Where to page the team's on-call (a URL).
   * @default - none
   */
  readonly onCall?: string;
}

/** A team as the platform team declares it. */
export interface TeamProps {
  /** Short name: namespace, tag and label value, Backstage group. */
  readonly name: string;
  /**
   * Human-readable name.
   * @default - the name
   */
  readonly displayName?: string;
  /** The identity-provider group whose members are the team (bound in Kubernetes RBAC). */
  readonly idpGroup: string;
  /** How to reach the team. */
  readonly contact: TeamContact;
  /**
   * The business domain the team's services belong to (a Backstage System).
   * @default - the team's name
   */
  readonly domain?: string;
}

/** The kinds of `TeamProps`, checked at run time (apps may be plain JavaScript). */
export const TEAM_PROPS_SHAPE: PropShape = {
  name: Prop.required(Prop.string()),
  displayName: Prop.string(),
  idpGroup: Prop.required(Prop.string()),
  contact: Prop.required(Prop.object({ email: Prop.required(Prop.string()), chat: Prop.string(), onCall: Prop.string() })),
  domain: Prop.string(),
};

/** A team with every default resolved. */
export class Team {
  /** Short name from `props.name`: namespace, tag and label value, Backstage group. */
  public readonly name: string;
  /** Human-readable name: `props.displayName`, or `name`. */
  public readonly displayName: string;
  /** The identity-provider group whose members are the team (bound in Kubernetes RBAC), from `props.idpGroup`. */
  public readonly idpGroup: string;
  /** How to reach the team, from `props.contact`. */
  public readonly contact: TeamContact;
  /** The business domain of the team's services (a Backstage System): `props.domain`, or `name`. */
  public readonly domain: string;

  /**
   * @param problems collects what is wrong with `props`; the platform reports them together
   */
  constructor(props: TeamProps, problems: string[]) {
    const where = `team '${props.name}'`;
    const nameProblem = checkName('teams[].name', props.name, MAX_TEAM_NAME_LENGTH);
    if (nameProblem) {
      problems.push(nameProblem);
    }
    if (typeof props.idpGroup !== 'string' || props.idpGroup.trim() === '') {
      problems.push(`${where}: 'idpGroup' must name the identity-provider group of the team (got ${JSON.stringify(props.idpGroup)}).`);
    }
    if (typeof props.contact?.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(props.contact.email)) {
      problems.push(`${where}: 'contact.email' must be an email address (got ${JSON.stringify(props.contact?.email)}).`);
    }
    for (const link of ['chat', 'onCall'] as const) {
      const url = props.contact?.[link];
      if (url !== undefined && !/^https?:\/\//.test(url)) {
        problems.push(`${where}: 'contact.${link}' must be an http(s) URL (got '${url}').`);
      }
    }
    this.name = props.name;
    this.displayName = props.displayName ?? props.name;
    this.idpGroup = props.idpGroup;
    this.contact = props.contact;
    this.domain = props.domain ?? props.name;
    const domainProblem = checkName('teams[].domain', this.domain, MAX_TEAM_NAME_LENGTH);
    if (props.domain !== undefined && domainProblem) {
      problems.push(`${where}: ${domainProblem}`);
    }
  }
}
