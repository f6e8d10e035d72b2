import { closureRule, describeObject } from './closure-rule';

/** The metric types an autoscaler reads from the resource metrics API. */
const RESOURCE_METRIC_TYPES = ['Resource', 'ContainerResource'];

export const resourceMetrics = closureRule({
  id: 'PAVED-CLS-HPA-001',
  level: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  title: 'Every HorizontalPodAutoscaler on CPU or memory (its metrics, or the CPU default when it names none) has the resource metrics API in its cluster.',
  rationale: 'Without metrics-server the autoscaler cannot read CPU or memory: it never scales, and reports only an event.',
  fix: 'Turn on the metrics-server add-on, or scale on metrics another adapter serves.',
}, (autoscaler, cluster) => {
  const metrics: any[] = autoscaler.json.spec?.metrics ?? [];
  const resource = metrics.length === 0 ? ['cpu (the default)'] : metrics.filter((m) => RESOURCE_METRIC_TYPES.includes(m?.type)).map((m) => String((m.resource ?? m.containerResource)?.name));
  return resource.length === 0 || cluster.resourceMetrics ? undefined
    : `${describeObject(autoscaler)} scales on ${resource.join(', ')}, but nothing serves the resource metrics API (metrics.k8s.io) in cluster '${cluster.objects.cluster}' (${cluster.describeAddOns()}); turn on the metrics-server add-on`;
});
