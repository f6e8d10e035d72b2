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
  /**
   * Where: the stack id; for a manifest change, the environments whose files have the same
   * change (`dev`, `prod`), or the file's path when it is not tied to an environment.
   */
  readonly where: readonly string[];
  /**
   * Why it is risky, from the plan classification.
   * @default - none: a manifest change that widens or narrows access, named by its aspect
   */
  readonly why?: string;
}

/**
 * The changes of `diff` a pull request lists first: the high-risk planned resource changes
 * (replacements and deletions of stateful resources, from `--risk`), then the RBAC, Argo CD
 * scoping and network policy changes of the manifests, by path; the same change of the same
 * object in several environments is one item.
 */
export function riskiestChanges(diff: OutputDiff): RiskyChange[] {
  const planned = diff.planned.filter((c) => c.risk === 'high').map((c) => ({
    service: c.service,
    team: c.team,
    action: actionOf(c.actions),
    subject: c.address,
    where: [c.stack],
    why: c.why,
  }));
  const manifests = new Map<string, RiskyChange & { where: string[] }>();
  for (const aspect of SENSITIVE_ASPECTS) {
    for (const file of diff.files) {
      for (const change of file.manifestChanges.filter((c) => c.aspect === aspect)) {
        const where = file.environment ?? file.path;
        const inEveryEnvironment = file.environment === undefined ? file.path : file.path.replace(`/${file.environment}/`, '/*/');
        const key = [aspect, change.object, change.detail, file.service, inEveryEnvironment].join('\u0000');
        const same = manifests.get(key);
        if (same) {
          same.where.push(where);
        } else {
          const { service, team } = file;
          manifests.set(key, { service, team, action: aspect, subject: change.object, detail: change.detail, where: [where] });
        }
      }
    }
  }
  return [...planned, ...manifests.values()];
}

/** `replace aws_db_instance.Database in checkout-prod (checkout, team payments): why`, with `quote` around the subject and places. */
export function riskyChangeLine(change: RiskyChange, quote: (text: string) => string): string {
  const detail = change.detail === undefined ? '' : `: ${change.detail}`;
  const why = change.why === undefined ? '' : `: ${change.why}`;
  return `${change.action} ${quote(change.subject)}${detail} in ${change.where.map(quote).join(', ')} (${change.service}, team ${change.team})${why}`;
}

/** Terraform's actions in a word: `replace` for delete and create. */
export function actionOf(actions: readonly string[]): string {
  return actions.includes('delete') && actions.includes('create') ? 'replace' : actions.join('+');
}
