import { SENSITIVE_ASPECTS } from './manifest-changes';
import type { OutputDiff } from './output-diff';

/** A change a reviewer should see first. */
export interface RiskyChange {
  /** The service, or `platform`. */
  readonly service: string;
  /** The team that owns it. */
  readonly team: string;
  /** What happens to it: Terraform's action (`replace`, `delete`) or the manifest aspect (`rbac`). */
  readonly action: string;
  /** What changes: a resource address (`aws_db_instance.Database`) or an object (`Role/checkout`). */
  readonly subject: string;
  /**
   * How a manifest object changed: `rules changed`, `added`.
   * @default - none: a planned resource change, explained by `why`
   */
  readonly detail?: string;
  /** Where: the stack id, or the file's path. */
  readonly where: string;
  /**
   * Why it is risky, from the plan classification.
   * @default - none: a manifest change that widens or narrows access, named by its aspect
   */
  readonly why?: string;
}

/**
 * The changes of `diff` a pull request lists first: the high-risk planned resource changes
 * (replacements and deletions of stateful resources, from `--risk`), then the RBAC, Argo CD
 * scoping and network policy changes of the manifests, by path.
 */
export function riskiestChanges(diff: OutputDiff): RiskyChange[] {
  const planned = diff.planned.filter((c) => c.risk === 'high').map((c) => ({
    service: c.service,
    team: c.team,
    action: actionOf(c.actions),
    subject: c.address,
    where: c.stack,
    why: c.why,
  }));
  const manifests = SENSITIVE_ASPECTS.flatMap((aspect) => diff.files.flatMap((file) => file.manifestChanges
    .filter((c) => c.aspect === aspect)
    .map((c) => ({ service: file.service, team: file.team, action: aspect, subject: c.object, detail: c.detail, where: file.path }))));
  return [...planned, ...manifests];
}

/** `replace aws_db_instance.Database in checkout-prod (checkout, team payments): why`, with `quote` around the subject and place. */
export function riskyChangeLine(change: RiskyChange, quote: (text: string) => string): string {
  const detail = change.detail === undefined ? '' : `: ${change.detail}`;
  const why = change.why === undefined ? '' : `: ${change.why}`;
  return `${change.action} ${quote(change.subject)}${detail} in ${quote(change.where)} (${change.service}, team ${change.team})${why}`;
}

/** Terraform's actions in a word: `replace` for delete and create. */
export function actionOf(actions: readonly string[]): string {
  return actions.includes('delete') && actions.includes('create') ? 'replace' : actions.join('+');
}
