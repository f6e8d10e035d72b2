import { kubernetesLabels } from '../../../platform/tagging';
import { PlatformRule } from '../../rule';

export const ownershipLabels: PlatformRule = {
  id: 'PAVED-PLT-LBL-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: 'Every Kubernetes object carries the ownership labels (part-of, name, managed-by, environment, team, golden path).',
  rationale: 'Labels let dashboards, cost reports and on-call tooling find the owner of any object.',
  fix: 'Create objects in platform charts, which label everything; do not remove labels in overrides.',
  check: ({ kubernetes }) => kubernetes.flatMap((object) => {
    if (!object.ownership) {
      return [{ subject: object.subject, message: 'the object has no owner' }];
    }
    return Object.entries(kubernetesLabels(object.ownership))
      .filter(([key, value]) => object.labels[key] !== value)
      .map(([key, value]) => ({ subject: object.subject, message: `label ${key} is ${JSON.stringify(object.labels[key] ?? 'missing')}, expected ${JSON.stringify(value)}` }));
  }),
};
