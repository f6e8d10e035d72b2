import { FindingSubject } from '../finding';
import type { TerraformStackArtifact } from './terraform-stack-artifact';

/** The configuration of a resource, as plain JSON. */
export type TerraformConfig = Readonly<Record<string, any>>;

/** One resource of a synthesized stack, as Terraform will see it (after every override). */
export class TerraformResource {
  /** `aws_s3_bucket.Bucket`. */
  public readonly address: string;

  /**
   * @param stack the stack the resource is in
   * @param type the resource type, such as `aws_s3_bucket`
   * @param name the resource's name in the stack (its logical id), such as `Bucket`
   * @param config the resource's arguments as Terraform reads them, without cdktf's `//` metadata
   */
  constructor(
    public readonly stack: TerraformStackArtifact,
    public readonly type: string,
    public readonly name: string,
    public readonly config: TerraformConfig,
  ) {
    this.address = `${type}.${name}`;
  }

  /** Who owns the resource and where it is written. */
  public get subject(): FindingSubject {
    return { ...this.stack.subject, location: `${this.stack.subject.location}#${this.address}` };
  }

  /** Whether any value of the configuration refers to `other` (`${aws_kms_key.Key.arn}`). */
  public refersTo(other: TerraformResource): boolean {
    return mentions(this.config, `\${${other.address}.`) || mentions(this.config, `\${${other.address}}`);
  }

  /** The resource that `this.config[attribute]` refers to, if it is a reference within the stack. */
  public reference(attribute: string): TerraformResource | undefined {
    const value = this.config[attribute];
    return typeof value === 'string' ? this.stack.resolve(value) : undefined;
  }

  /**
   * The resources of `type` in the same stack whose `attribute` points at this one, by reference
   * or by this resource's literal identifier (a bucket's `bucket`, a queue's URL): a bucket's
   * versioning, public-access block, policy and logging resources.
   */
  public related(type: string, attribute: string): TerraformResource[] {
    const literals = [this.config.bucket, this.config.name, this.config.id].filter((v) => typeof v === 'string');
    return this.stack.resourcesOfType(type).filter((candidate) => {
      const value = candidate.config[attribute];
      return (typeof value === 'string' && this.stack.resolve(value) === this) || literals.includes(value);
    });
  }
}

function mentions(value: unknown, needle: string): boolean {
  if (typeof value === 'string') {
    return value.includes(needle);
  }
  if (Array.isArray(value)) {
    return value.some((item) => mentions(item, needle));
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some((item) => mentions(item, needle));
  }
  return false;
}
