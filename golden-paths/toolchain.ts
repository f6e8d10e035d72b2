import { checkName } from '../src/platform/names';
import { PavedValidationError } from '../src/platform/paved-validation-error';
import { Prop, PropShape, propProblems } from '../src/platform/prop-checker';

/** One step of a GitHub Actions job, as the workflow file holds it. */
export type WorkflowStep = Readonly<Record<string, unknown>>;

/** Props of a `Toolchain`. */
export interface ToolchainProps {
  /** Its id, as a service's props and messages name it: `node`. */
  readonly name: string;
  /**
   * The step that installs the language on the runner, with its pinned action:
   * `{ name: 'Set up Node.js', uses: 'actions/setup-node@v4', with: { 'node-version': '20' } }`.
   */
  readonly setup: WorkflowStep;
  /** The command that installs the dependencies: `npm ci`. */
  readonly install: string;
  /** The command that runs the tests: `npm test`. */
  readonly test: string;
  /**
   * A command that builds the program before the image is built, in the test job.
   * @default - none: the Dockerfile builds it
   */
  readonly build?: string;
}

/** The kinds of `ToolchainProps`, checked at run time (a platform team's package may be JavaScript). */
export const TOOLCHAIN_PROPS_SHAPE: PropShape = {
  name: Prop.required(Prop.string()),
  setup: Prop.required(Prop.record(Prop.any())),
  install: Prop.required(Prop.string({ nonEmpty: true })),
  test: Prop.required(Prop.string({ nonEmpty: true })),
  build: Prop.string(),
};

/**
 * How a service's CI sets up, tests and builds it: a language, its pinned setup action and its
 * commands. A golden path names its toolchain in its spec; a platform team's golden path brings
 * its own (`new Toolchain({ name: 'java', ... })`).
 *
 * ```ts
 * const java = new Toolchain({
 *   name: 'java',
 *   setup: { name: 'Set up Java', uses: 'actions/setup-java@v4', with: { 'distribution': 'temurin', 'java-version': '21' } },
 *   install: 'mvn -B dependency:go-offline',
 *   test: 'mvn -B test',
 * });
 * ```
 */
export class Toolchain {
  /** Its id: `node`. */
  public readonly name: string;
  /** The step that installs the language, with its pinned action. */
  public readonly setup: WorkflowStep;
  /** The command that installs the dependencies. */
  public readonly install: string;
  /** The command that runs the tests. */
  public readonly test: string;
  /** A command that builds the program in the test job, if any. */
  public readonly build?: string;

  constructor(props: ToolchainProps) {
    const subject = { description: `Toolchain '${(props as Partial<ToolchainProps> | undefined)?.name ?? ''}'`, path: 'Toolchain' };
    PavedValidationError.throwIfAny(subject, propProblems(props, TOOLCHAIN_PROPS_SHAPE));
    const problems: string[] = [];
    const nameProblem = checkName('name', props.name, 30);
    if (nameProblem) {
      problems.push(nameProblem);
    }
    if (typeof props.setup.uses !== 'string' || !/^[^/@\s]+\/[^@\s]+@\S+$/.test(props.setup.uses)) {
      problems.push(`'setup.uses' must be a pinned action such as 'actions/setup-node@v4' (got ${JSON.stringify(props.setup.uses)} (${typeof props.setup.uses})); pin the setup action with '@' and a version.`);
    }
    PavedValidationError.throwIfAny(subject, problems);
    this.name = props.name;
    this.setup = props.setup;
    this.install = props.install;
    this.test = props.test;
    this.build = props.build;
  }

  /** The steps of the CI's test job after the checkout: set up, install, test (and build). */
  public get testSteps(): readonly WorkflowStep[] {
    return [
      this.setup,
      { name: 'Install', run: this.install },
      { name: 'Test', run: this.test },
      ...this.build === undefined ? [] : [{ name: 'Build', run: this.build }],
    ];
  }
}
