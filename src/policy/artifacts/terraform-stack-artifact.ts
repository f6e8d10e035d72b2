import { Environment } from '../../platform/environment';
import { Ownership } from '../../platform/tagging';
import { FindingSubject } from '../finding';
import { TerraformResource } from './terraform-resource';

const REFERENCE = /^\$\{([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_-]+)(?:\.[^}]*)?\}$/;
const DATA_REFERENCE = /^\$\{data\.([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_-]+)(?:\.[^}]*)?\}$/;

/** A synthesized Terraform stack: its JSON and its resources, for the guardrails. */
export class TerraformStackArtifact {
  /** Every resource of the stack's `resource` block, in the order of the JSON. */
  public readonly resources: readonly TerraformResource[];
  private readonly byAddress: ReadonlyMap<string, TerraformResource>;

  /**
   * @param id the stack id, also its directory name: `checkout-dev`
   * @param location the stack file, relative to the output directory
   * @param json the stack's Terraform JSON
   * @param environment the environment the stack deploys to
   * @param ownership who owns what the stack creates
   */
  constructor(
    public readonly id: string,
    public readonly location: string,
    public readonly environment: Environment,
    public readonly ownership: Ownership,
    public readonly json: Readonly<Record<string, any>>,
  ) {
    const resources: TerraformResource[] = [];
    for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
      for (const [name, config] of Object.entries<Record<string, any>>(byName)) {
        const { ['//']: _metadata, ...values } = config;
        resources.push(new TerraformResource(this, type, name, values));
      }
    }
    this.resources = resources;
    this.byAddress = new Map(resources.map((r) => [r.address, r]));
  }

  /** The stack as a finding subject. */
  public get subject(): FindingSubject {
    return { service: this.ownership.service, team: this.ownership.team, environment: this.environment.name, location: this.location };
  }

  /** The tags the AWS provider puts on every taggable resource of the stack. */
  public get defaultTags(): Readonly<Record<string, string>> {
    return this.json.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {};
  }

  public resourcesOfType(type: string): TerraformResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource a whole-value reference like `${aws_kms_key.Key.arn}` points at. */
  public resolve(expression: string): TerraformResource | undefined {
    const match = REFERENCE.exec(expression);
    return match ? this.byAddress.get(`${match[1]}.${match[2]}`) : undefined;
  }

  /** The configuration of the data source a reference like `${data.aws_iam_policy_document.P.json}` points at. */
  public resolveData(expression: string): Readonly<Record<string, any>> | undefined {
    const match = DATA_REFERENCE.exec(expression);
    return match ? this.json.data?.[match[1]]?.[match[2]] : undefined;
  }
}
