import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const pinnedImages: KubernetesRule = {
  id: 'PAVED-K8S-IMG-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Images are pinned by digest or by an explicit tag other than "latest".',
  rationale: 'An unpinned image changes under a running deployment; what runs is no longer what was reviewed in Git.',
  fix: 'Reference images as repo@sha256:... (CI writes the digest) or repo:<version>.',
  check: (workload) => workload.containers.flatMap((c) => {
    const image = String(c.image ?? '');
    if (/@sha256:[a-f0-9]{64}$/.test(image)) {
      return [];
    }
    const tag = /:([^:/]+)$/.exec(image)?.[1];
    return tag && tag !== 'latest' ? [] : [`container '${c.name}' uses image ${JSON.stringify(image)} without a digest or a version tag`];
  }),
};
