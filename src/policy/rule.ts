import { KubernetesObject } from './artifacts/kubernetes-object';
import { PlatformArtifacts } from './artifacts/platform-artifacts';
import { TerraformResource } from './artifacts/terraform-resource';
import { FindingSubject } from './finding';

/** `error` fails the synth unless a deviation justifies it; `warning` is reported only. */
export type RuleLevel = 'error' | 'warning';

/**
 * The name of the pack a rule belongs to: `aws`, `kubernetes`, `platform` or `closure` for the built-in
 * packs, any other name (`acme`) for a pack of your own.
 */
export type RulePack = 'aws' | 'kubernetes' | 'platform' | 'closure' | (string & {});

/** What every rule says about itself (the columns of RULES.md). */
export interface RuleInfo {
  /** Stable, greppable id: `PAVED-AWS-S3-001`. Never reused for another check. */
  readonly id: string;
  /** The pack the rule belongs to (its row in RULES.md). */
  readonly pack: RulePack;
  /** Whether an unjustified finding fails the synth (`error`) or is reported only (`warning`). */
  readonly level: RuleLevel;
  /** What the rule checks, as one sentence. */
  readonly title: string;
  /** Why the rule exists. */
  readonly rationale: string;
  /** How to comply. */
  readonly fix: string;
}

/**
 * What a check returns: nothing when the subject complies, otherwise one message (or several)
 * saying what is wrong, with the offending value.
 */
export type RuleResult = undefined | string | readonly string[];

/** A rule over each Terraform resource of some types. */
export interface TerraformRule extends RuleInfo {
  /** Marks a rule over Terraform resources. */
  readonly target: 'terraform';
  /** Resource types the rule checks; `*` for every type. */
  readonly resourceTypes: readonly string[];
  check(resource: TerraformResource): RuleResult;
}

/** A rule over each Kubernetes object of some kinds. */
export interface KubernetesRule extends RuleInfo {
  /** Marks a rule over Kubernetes objects. */
  readonly target: 'kubernetes';
  /** Kinds the rule checks, such as `Deployment`. */
  readonly kinds: readonly string[];
  check(object: KubernetesObject): RuleResult;
}

/** A violation found by a platform rule, with the subject it is about. */
export interface PlatformViolation {
  /** Where the violation is and who owns it. */
  readonly subject: FindingSubject;
  /** What is wrong, with the value found. */
  readonly message: string;
}

/** A rule over the platform as a whole (ownership, catalog, Argo CD scoping). */
export interface PlatformRule extends RuleInfo {
  /** Marks a rule over the platform as a whole. */
  readonly target: 'platform';
  check(artifacts: PlatformArtifacts): readonly PlatformViolation[];
}

/** Any rule. */
export type Rule = TerraformRule | KubernetesRule | PlatformRule;
