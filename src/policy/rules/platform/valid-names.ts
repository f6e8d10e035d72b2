import { PlatformRule } from '../../rule';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KINDS = ['Namespace', 'Service'];
const ENTITY_NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;

export const validNames: PlatformRule = {
  id: 'PAVED-PLT-NAME-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: 'Every Kubernetes object and catalog entity has a name its API accepts.',
  rationale: 'An invalid name passes review in Git and fails only when Argo CD or Backstage applies it.',
  fix: 'Let platform.naming generate names; keep overrides within DNS-1123 rules.',
  check: ({ kubernetes, catalog }) => [
    ...kubernetes.filter((o) => {
      const pattern = LABEL_KINDS.includes(o.kind) ? DNS_LABEL : DNS_SUBDOMAIN;
      const limit = LABEL_KINDS.includes(o.kind) ? 63 : 253;
      return typeof o.name !== 'string' || o.name.length > limit || !pattern.test(o.name);
    }).map((o) => ({ subject: o.subject, message: `${o.kind} name ${JSON.stringify(o.name)} is not a valid Kubernetes name` })),
    ...catalog.filter((e) => typeof e.name !== 'string' || !ENTITY_NAME.test(e.name))
      .map((e) => ({ subject: e.subject, message: `${e.kind} name ${JSON.stringify(e.name)} is not a valid entity name` })),
  ],
};
