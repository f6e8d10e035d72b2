import type { RuleLevel } from './rule';

/** What a finding is about: a place in the output, and who owns it. */
export interface FindingSubject {
  /** The service (or `platform`) that owns the subject. */
  readonly service: string;
  /** The owning team (`platform` for the platform's own output). */
  readonly team: string;
  /**
   * The environment.
   * @default - none: the subject is not tied to one environment (catalog, platform-wide)
   */
  readonly environment?: string;
  /** Where in the output: `terraform/dev/checkout-dev/cdk.tf.json#aws_s3_bucket.Bucket`. */
  readonly location: string;
}

/** A deviation that justified a finding. */
export interface Justification {
  /** The id of the rule the deviation is from. */
  readonly ruleId: string;
  /** Why the deviation is accepted, as declared. */
  readonly reason: string;
  /** Who answers for the deviation, as declared. */
  readonly owner: string;
  /** The day (`YYYY-MM-DD`) the deviation stops justifying findings. */
  readonly expires: string;
}

/** One rule's verdict on one subject. */
export interface Finding extends FindingSubject {
  /** The id of the rule, such as `PAVED-AWS-S3-001`. */
  readonly ruleId: string;
  /** The rule's level: an unjustified `error` fails the synth, a `warning` is reported only. */
  readonly level: RuleLevel;
  /** What is wrong, with the value found. */
  readonly message: string;
  /** How to comply. */
  readonly fix: string;
  /**
   * The deviation that justifies the finding.
   * @default - none: the finding is unjustified
   */
  readonly justification?: Justification;
}
