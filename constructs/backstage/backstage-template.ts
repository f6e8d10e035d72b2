import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createEntity } from './backstage-entity';
import { checkName } from '../../src/platform/names';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformChart } from '../../src/platform/platform-chart';

/** The API version of scaffolder templates. */
export const SCAFFOLDER_API_VERSION = 'scaffolder.backstage.io/v1beta3';

/** Props of a `BackstageTemplate`. */
export interface BackstageTemplateProps {
  /** The golden path the template starts a service from (the entity's name). */
  readonly goldenPath: string;
  /** The title in the "Create" page. */
  readonly title: string;
  /** What the golden path gives a service. */
  readonly description: string;
  /** The team that maintains the golden path. */
  readonly owner: string;
  /** The GitHub repository, as `owner/repo`, where services are declared; the template opens a pull request there. */
  readonly platformRepository: string;
  /**
   * The skeleton of the service declaration, relative to the template's location or a URL.
   * @default './skeleton'
   */
  readonly skeletonUrl?: string;
}

/**
 * A scaffolder Template per golden path: it asks for the service's name, owner and
 * description, renders a service declaration from the skeleton, and opens a pull request in
 * the platform repository, whose merge creates everything else.
 */
export class BackstageTemplate extends Construct {
  /** The golden path the template starts a service from (the entity's name), from `props.goldenPath`. */
  public readonly goldenPath: string;
  /** The name of the team that maintains the golden path, from `props.owner` (checked to be a declared team). */
  public readonly owner: string;
  /** Where the skeleton of the service declaration is: `props.skeletonUrl`, or `'./skeleton'`. */
  public readonly skeletonUrl: string;
  /** The Template entity. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: BackstageTemplateProps) {
    super(scope, id);
    const platform = PlatformChart.of(this).platform;
    const [repoOwner, repo, ...rest] = props.platformRepository.split('/');
    const problems: string[] = [];
    if (!repoOwner || !repo || rest.length > 0) {
      problems.push(`'platformRepository' must be a GitHub repository as 'owner/repo' (got '${props.platformRepository}').`);
    }
    const nameProblem = checkName('goldenPath', props.goldenPath, 63);
    if (nameProblem) {
      problems.push(nameProblem);
    }
    PavedValidationError.throwIfAny(this, problems);
    this.goldenPath = props.goldenPath;
    this.owner = platform.team(props.owner).name;
    this.skeletonUrl = props.skeletonUrl ?? './skeleton';

    const parameter = (name: string) => `\${{ parameters.${name} }}`;
    this.resource = createEntity(this, {
      apiVersion: SCAFFOLDER_API_VERSION,
      kind: 'Template',
      name: this.goldenPath,
      title: props.title,
      description: props.description,
      tags: ['paved', this.goldenPath],
      spec: {
        owner: `group:${this.owner}`,
        type: 'service',
        parameters: [{
          title: 'Service',
          required: ['name', 'owner'],
          properties: {
            name: { title: 'Name', type: 'string', description: 'Lowercase letters, digits and single hyphens.', pattern: '^[a-z][a-z0-9-]{0,28}[a-z0-9]$' },
            owner: { 'title': 'Owner', 'type': 'string', 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
            description: { title: 'Description', type: 'string' },
          },
        }],
        steps: [
          {
            id: 'fetch',
            name: 'Render the service declaration',
            action: 'fetch:template',
            input: {
              url: this.skeletonUrl,
              targetPath: `services/${parameter('name')}`,
              values: { name: parameter('name'), owner: parameter('owner'), description: parameter('description'), goldenPath: this.goldenPath },
            },
          },
          {
            id: 'publish',
            name: 'Open a pull request in the platform repository',
            action: 'publish:github:pull-request',
            input: {
              repoUrl: `github.com?owner=${repoOwner}&repo=${repo}`,
              branchName: `add-service-${parameter('name')}`,
              title: `Add service ${parameter('name')} (${this.goldenPath})`,
              description: `Declares ${parameter('name')}, owned by ${parameter('owner')}, from the ${this.goldenPath} golden path.`,
            },
          },
        ],
        output: { links: [{ title: 'Pull request', url: '${{ steps.publish.output.remoteUrl }}' }] },
      },
    });
  }
}
