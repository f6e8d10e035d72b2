/**
 * The kinds every Kubernetes API server serves without a CRD, by API group (`''` is the core
 * group), as `<group>/<Kind>` (`apps/Deployment`, `/ConfigMap`).
 */
const BUILT_IN_KINDS_BY_GROUP: Readonly<Record<string, readonly string[]>> = {
  '': [
    'Binding', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod',
    'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount',
  ],
  'admissionregistration.k8s.io': ['MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'apps': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'autoscaling': ['HorizontalPodAutoscaler'],
  'batch': ['CronJob', 'Job'],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'coordination.k8s.io': ['Lease'],
  'discovery.k8s.io': ['EndpointSlice'],
  'events.k8s.io': ['Event'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io': ['IngressClass', 'Ingress', 'IPAddress', 'NetworkPolicy', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  'policy': ['PodDisruptionBudget'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
};

/** Every built-in kind as `<group>/<Kind>`. */
export const BUILT_IN_KINDS: ReadonlySet<string> = new Set(
  Object.entries(BUILT_IN_KINDS_BY_GROUP).flatMap(([group, kinds]) => kinds.map((kind) => `${group}/${kind}`)),
);

/** The PriorityClasses every Kubernetes cluster creates itself. */
export const BUILT_IN_PRIORITY_CLASSES: readonly string[] = ['system-cluster-critical', 'system-node-critical'];

/** The ServiceAccount Kubernetes creates in every namespace, which pods run as when they name none. */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The API group of an `apiVersion`: `apps` of `apps/v1`, `''` of `v1`. */
export function apiGroupOf(apiVersion: unknown): string {
  const text = String(apiVersion ?? '');
  return text.includes('/') ? text.slice(0, text.lastIndexOf('/')) : '';
}
