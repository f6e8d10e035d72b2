import { closureRule, describeObject, listOrNone } from './closure-rule';

export const storageClasses = closureRule({
  id: 'PAVED-CLS-STO-001',
  level: 'error',
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  title: 'Every PersistentVolumeClaim (and volume claim template) names a StorageClass that an add-on or the output creates in its cluster.',
  rationale: 'A claim of a missing class, or of no class where EKS has no default one, stays Pending and its pods never start.',
  fix: 'Declare the StorageClass (with the EBS CSI driver add-on), or set storageClassName to a class the cluster has.',
}, (object, cluster) => {
  const claims: { where: string; spec: Record<string, any> }[] = object.kind === 'StatefulSet'
    ? (object.json.spec?.volumeClaimTemplates ?? []).map((t: any) => ({ where: ` (volume claim template '${t?.metadata?.name}')`, spec: t?.spec ?? {} }))
    : [{ where: '', spec: object.json.spec ?? {} }];
  return claims.flatMap(({ where, spec }) => {
    const name = spec.storageClassName;
    if (name === '') {
      return []; // binds to a pre-provisioned volume only, by design
    }
    if (name === undefined) {
      return [`${describeObject(object)}${where} names no StorageClass and EKS has no default one (since Kubernetes 1.30); set storageClassName to one of ${listOrNone(cluster.storageClasses)}`];
    }
    return cluster.storageClasses.has(name) ? []
      : [`${describeObject(object)}${where} uses StorageClass '${name}', which nothing in cluster '${cluster.objects.cluster}' creates (StorageClasses there: ${listOrNone(cluster.storageClasses)}); declare it or use one the cluster has`];
  });
});
