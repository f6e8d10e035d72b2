import { cpSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';

/** The Terraform JSON file of a synthesized stack. */
export const STACK_FILE = 'cdk.tf.json';

/** Values that let the AWS provider plan without credentials, account lookup or network. */
export const OFFLINE_PROVIDER_SETTINGS = {
  access_key: 'offline',
  secret_key: 'offline',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

/** What the offline copy of a stack is. */
export interface OfflineStackCopy {
  /** The directory of the copy. */
  readonly dir: string;
  /** Addresses of the stack's data sources (`data.aws_eks_cluster.this`): they need AWS to plan. */
  readonly dataSources: readonly string[];
  /**
   * Providers of the stack other than `aws` (`kubernetes`): they talk to a live system (the
   * cluster's API server), so the stack cannot plan offline at all.
   */
  readonly liveProviders: readonly string[];
}

/**
 * Copies the stack directory `stackDir` to `targetDir` and rewrites the copy (never the
 * original) so that it plans with no cloud credentials: every `aws` provider gets dummy keys and
 * the skip flags and loses `allowed_account_ids` (with no account lookup the provider would
 * reject every account), and the backend becomes a local state file inside the copy. Region and
 * default tags stay, so the plan shows what would be created.
 */
export function offlineStackCopy(stackDir: string, targetDir: string): OfflineStackCopy {
  cpSync(stackDir, targetDir, {
    recursive: true,
    filter: (source) => !['.terraform', '.terraform.lock.hcl'].includes(basename(source)) && !source.endsWith('.tfplan'),
  });
  const file = join(targetDir, STACK_FILE);
  const stack = JSON.parse(readFileSync(file, 'utf8'));
  const providers = stack.provider?.aws;
  for (const provider of Array.isArray(providers) ? providers : providers ? [providers] : []) {
    delete provider.allowed_account_ids;
    delete provider.forbidden_account_ids;
    delete provider.assume_role;
    delete provider.profile;
    Object.assign(provider, OFFLINE_PROVIDER_SETTINGS);
  }
  stack.terraform = { ...stack.terraform, backend: { local: { path: 'terraform.tfstate' } } };
  writeFileSync(file, `${JSON.stringify(stack, undefined, 2)}\n`);
  const dataSources = Object.entries<Record<string, unknown>>(stack.data ?? {})
    .flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `data.${type}.${name}`));
  const liveProviders = Object.keys(stack.provider ?? {}).filter((name) => name !== 'aws').sort();
  return { dir: targetDir, dataSources, liveProviders };
}
