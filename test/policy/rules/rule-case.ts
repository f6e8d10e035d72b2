/**
 * Per-rule proof: each guardrail meets the real constructs, once as they come and once broken
 * after construction, through an escape hatch.
 */
import { stringify } from 'yaml';
import { BackstageComponent } from '../../../constructs';
import { ALL_RULES, Placement, Platform, Rule, evaluatePolicy } from '../../../src';
import { PlatformArtifacts } from '../../../src/policy/artifacts/platform-artifacts';
import { collectArtifacts } from '../../../src/policy/collect-artifacts';
import { renderPlatform } from '../../../src/synth/render-platform';
import { testPlatformWithFacts } from '../../util';

/** Declares constructs on a platform with recorded facts in every environment (`testPlatformWithFacts`). */
export type Build = (platform: Platform) => void;

/** A finding a case expects of its rule. */
export interface ExpectedFinding {
  /** Where: `terraform/dev/checkout-dev/cdk.tf.json#aws_s3_bucket.Uploads_4F6EB0FD`. */
  readonly location: string;
  readonly message: string;
}

/** One case of one rule: compliant when it expects no finding. */
export interface RuleCase {
  readonly ruleId: string;
  /** What the case builds or breaks, for the test name. */
  readonly title: string;
  readonly build: Build;
  /** Exactly the rule's findings, in the engine's order. */
  readonly findings: readonly ExpectedFinding[];
}

/** A setup of real constructs with their defaults, shared by the compliant cases of several rules. */
export interface Setup {
  readonly title: string;
  readonly build: Build;
}

/** Cases where the rule reports nothing on `setup`. */
export function complies(setup: Setup, ...ruleIds: string[]): RuleCase[] {
  return ruleIds.map((ruleId) => ({ ruleId, title: setup.title, build: setup.build, findings: [] }));
}

/** A case where `build` breaks something and the rule reports exactly `findings`. */
export function violates(ruleId: string, title: string, build: Build, ...findings: ExpectedFinding[]): RuleCase {
  return { ruleId, title, build, findings };
}

/** `location` of a finding with `messages`, one finding each. */
export function at(location: string, ...messages: string[]): ExpectedFinding[] {
  return messages.map((message) => ({ location, message }));
}

/**
 * The placement of the service `checkout` of team `payments` in `environment`; declares it, with
 * its catalog Component `Component-checkout`, on first use.
 */
export function checkout(platform: Platform, environment = 'dev'): Placement {
  if (!platform.declaredComponents.some((c) => c.name === 'checkout')) {
    platform.declareComponent({ name: 'checkout', team: 'payments', goldenPath: 'test' });
    new BackstageComponent(platform.catalogChart(), 'Component-checkout', { component: 'checkout', repository: 'acme/checkout' });
  }
  return platform.placement('checkout', environment);
}

/** The rule with `id`. */
export function ruleWithId(id: string): Rule {
  const rule = ALL_RULES.find((r) => r.id === id);
  if (!rule) {
    throw new Error(`no rule ${id}`);
  }
  return rule;
}

const artifactsByBuild = new Map<Build, PlatformArtifacts>();

/** What `build` renders to, as the guardrails see it; built once per setup. */
export function artifactsOf(build: Build): PlatformArtifacts {
  let artifacts = artifactsByBuild.get(build);
  if (!artifacts) {
    const platform = testPlatformWithFacts();
    build(platform);
    artifacts = collectArtifacts(platform, renderPlatform(platform));
    artifactsByBuild.set(build, artifacts);
  }
  return artifacts;
}

/** How many resources or objects `rule` looks at in `artifacts` (platform rules look at the whole). */
function subjectsOf(rule: Rule, artifacts: PlatformArtifacts): number {
  switch (rule.target) {
    case 'terraform':
      return artifacts.stacks.flatMap((s) => s.resources).filter((r) => rule.resourceTypes.includes(r.type) || rule.resourceTypes.includes('*')).length;
    case 'kubernetes':
      return [...artifacts.kubernetes, ...artifacts.catalog].filter((o) => rule.kinds.includes(o.kind)).length;
    case 'platform':
      return 1;
  }
}

/** One test per case: the rule alone, evaluated on what the case builds, reports exactly what it expects. */
export function testRuleCases(cases: readonly RuleCase[]): void {
  test.each(cases.map((c) => [c.ruleId, c.findings.length === 0 ? 'complies' : 'fails', c.title, c] as const))('%s %s: %s', (_id, _verdict, _title, c) => {
    const rule = ruleWithId(c.ruleId);
    const artifacts = artifactsOf(c.build);
    const findings = evaluatePolicy(artifacts, [rule], []).findings;
    expect(findings.map((f) => ({ ruleId: f.ruleId, level: f.level, location: f.location, message: f.message })))
      .toEqual(c.findings.map((f) => ({ ruleId: rule.id, level: rule.level, ...f })));
    // A compliant case proves something only where the rule had something to look at.
    expect(subjectsOf(rule, artifacts)).toBeGreaterThan(0);
  });
}

/** Adds `documents` to the output as one multi-document YAML file at `path`, with `platform.addFile`. */
export function addYamlFile(platform: Platform, path: string, ...documents: readonly unknown[]): void {
  platform.addFile(path, documents.map((d) => stringify(d)).join('---\n'));
}
