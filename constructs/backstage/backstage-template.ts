import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createEntity } from './backstage-entity';
import { checkName } from '../../src/platform/names';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformChart } from '../../src/platform/platform-chart';
import { templateSkeletonDirectory } from '../../src/platform/template-skeleton';
import { sortedBy } from '../../src/util/sorted-by';

/** The API version of scaffolder templates. */
export const SCAFFOLDER_API_VERSION = 'scaffolder.backstage.io/v1beta3';

/** Where the platform repository keeps service declarations (`paved new`'s default `--dir`); the skeleton renders into it. */
export const SERVICE_DECLARATIONS_DIRECTORY = 'services';

/** The extension of the skeleton files a `BackstageTemplate` writes: `fetch:template` renders them and strips it. */
export const SKELETON_TEMPLATE_EXTENSION = '.njk';

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
   * The files of the skeleton the template renders into the platform repository, by path relative
   * to it (file names are templated too: `${{ values.name }}.ts`); written beside the template, in
   * `<catalog>/skeletons/<goldenPath>/` with the extension `.njk` (which the template's step
   * strips), and fetched from there. Give this or `skeletonUrl`.
   * @default - none: the template fetches `skeletonUrl`
   */
  readonly skeleton?: Readonly<Record<string, string>>;
  /**
   * Where the skeleton is, relative to the template's location or a URL, when it is kept
   * elsewhere than `skeleton`. Give this or `skeleton`.
   * @default - the directory `skeleton` is written to: `./skeletons/<goldenPath>`
   */
  readonly skeletonUrl?: string;
}

/**
 * A scaffolder Template per golden path: it asks for the service's name, owner and
 * description, renders the skeleton (a service declaration) into the platform repository's
 * `services/` directory, and opens a pull request there, whose merge creates everything else. It
 * uses only actions of a standard backend with the GitHub module (`fetch:template`,
 * `publish:github:pull-request`).
 */
export class BackstageTemplate extends Construct {
  /** The golden path the template starts a service from (the entity's name), from `props.goldenPath`. */
  public readonly goldenPath: string;
  /** The name of the team that maintains the golden path, from `props.owner` (checked to be a declared team). */
  public readonly owner: string;
  /** Where the template fetches its skeleton from: `props.skeletonUrl`, or the directory `props.skeleton` is written to (`./skeletons/<goldenPath>`). */
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
    if ((props.skeleton === undefined) === (props.skeletonUrl === undefined)) {
      problems.push(`give exactly one of 'skeleton' (files written beside the template) and 'skeletonUrl' (got ${props.skeleton === undefined ? 'neither' : 'both'}).`);
    }
    if (props.skeleton !== undefined && Object.keys(props.skeleton).length === 0) {
      problems.push("'skeleton' must hold at least one file, or the template renders nothing (got {}).");
    }
    PavedValidationError.throwIfAny(this, problems);
    this.goldenPath = props.goldenPath;
    this.owner = platform.team(props.owner).name;
    const skeletonDirectory = templateSkeletonDirectory(this.goldenPath);
    this.skeletonUrl = props.skeletonUrl ?? `./${skeletonDirectory}`;
    const catalogDirectory = PlatformChart.of(this).outputDirectory;
    for (const [path, content] of sortedBy(Object.entries(props.skeleton ?? {}), ([p]) => p)) {
      // As templates (`.njk`, which the step strips): no tool of the repository the output is kept in reads them as sources.
      platform.addFile(`${catalogDirectory}/${skeletonDirectory}/${path}${SKELETON_TEMPLATE_EXTENSION}`, content);
    }

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
              ...(props.skeleton === undefined ? {} : { templateFileExtension: SKELETON_TEMPLATE_EXTENSION }),
              targetPath: SERVICE_DECLARATIONS_DIRECTORY,
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
