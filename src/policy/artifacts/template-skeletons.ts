import { posix } from 'path';
import { KubernetesObject } from './kubernetes-object';
import { templateSkeletonDirectory } from '../../platform/template-skeleton';

/**
 * The skeleton directories, relative to the output directory, that the scaffolder Templates
 * among `entities` fetch: `<catalog>/skeletons/<template>` for each Template whose
 * `fetch:template` step reads `./skeletons/<template>` (where `BackstageTemplate` writes its
 * skeleton). Any other directory, and a directory no Template fetches, is not one.
 */
export function templateSkeletonDirectories(entities: readonly KubernetesObject[]): ReadonlySet<string> {
  const directories = new Set<string>();
  for (const entity of entities) {
    if (entity.kind !== 'Template' || typeof entity.name !== 'string') {
      continue;
    }
    const directory = templateSkeletonDirectory(entity.name);
    const steps: unknown[] = Array.isArray(entity.json.spec?.steps) ? entity.json.spec.steps : [];
    if (steps.some((step: any) => step?.action === 'fetch:template' && step?.input?.url === `./${directory}`)) {
      directories.add(posix.join(posix.dirname(entity.location), directory));
    }
  }
  return directories;
}
