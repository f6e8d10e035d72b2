/** A Kubernetes label selector, as Prometheus and Argo CD write one. */
export interface CapabilityLabelSelector {
  /**
   * Labels an object must carry, each with this value.
   * @default - none
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /**
   * Set-based requirements (`In`, `NotIn`, `Exists`, `DoesNotExist`).
   * @default - none
   */
  readonly matchExpressions?: readonly {
    /** The label key. */
    readonly key: string;
    /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
    readonly operator: string;
    /**
     * The values of `In` and `NotIn`.
     * @default - none
     */
    readonly values?: readonly string[];
  }[];
}

/**
 * Which monitoring objects the installed Prometheus picks up. A selector of `{}` selects every
 * object; `null` selects none (Prometheus Operator's meaning of an absent selector).
 */
export interface MonitoringSelection {
  /** Selects the ServiceMonitors Prometheus scrapes. */
  readonly serviceMonitorSelector: CapabilityLabelSelector | null;
  /** Selects the PodMonitors Prometheus scrapes. */
  readonly podMonitorSelector: CapabilityLabelSelector | null;
  /** Selects the PrometheusRules Prometheus loads. */
  readonly ruleSelector: CapabilityLabelSelector | null;
  /**
   * Selects the namespaces Prometheus looks for those objects in.
   * @default - every namespace (`{}`)
   */
  readonly namespaceSelector?: CapabilityLabelSelector | null;
}

/** Which ConfigMaps the Grafana dashboard sidecar loads as dashboards. */
export interface DashboardDiscovery {
  /** The label a dashboard ConfigMap must carry: `grafana_dashboard`. */
  readonly label: string;
  /** The value of that label: `"1"`. */
  readonly labelValue: string;
  /** The namespaces the sidecar searches: `'ALL'`, or a list. */
  readonly namespaces: 'ALL' | readonly string[];
}

/** A service account a cluster add-on creates, with the IAM role it assumes (IRSA), if any. */
export interface ProvidedServiceAccount {
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
  /**
   * The IAM role it assumes through `eks.amazonaws.com/role-arn`.
   * @default - none: it makes no AWS calls
   */
  readonly roleArn?: string;
}

/**
 * What a cluster add-on makes available to the objects of its cluster, written by paved (as JSON,
 * in the `paved.dev/provides` annotation of the add-on's Argo CD Application) from the values
 * the add-on is installed with, so that the closure rules see what is really installed: a value
 * override that changes a selector changes what is provided.
 */
export interface ClusterCapabilities {
  /**
   * Custom resource kinds whose CRDs it installs, as `<group>/<Kind>`: `external-secrets.io/ExternalSecret`.
   * @default - none
   */
  readonly kinds?: readonly string[];
  /**
   * IngressClasses it creates: `alb`.
   * @default - none
   */
  readonly ingressClasses?: readonly string[];
  /**
   * StorageClasses it creates.
   * @default - none
   */
  readonly storageClasses?: readonly string[];
  /**
   * PriorityClasses it creates.
   * @default - none
   */
  readonly priorityClasses?: readonly string[];
  /**
   * Whether it serves the resource metrics API (`metrics.k8s.io`) that CPU and memory autoscaling read.
   * @default false
   */
  readonly resourceMetrics?: boolean;
  /**
   * The monitoring objects its Prometheus picks up.
   * @default - it runs no Prometheus
   */
  readonly monitoring?: MonitoringSelection;
  /**
   * The dashboard ConfigMaps its Grafana loads.
   * @default - it runs no Grafana
   */
  readonly dashboards?: DashboardDiscovery;
  /**
   * Where Ingress hosts get certificates: `acm` (the load balancer finds an ACM certificate for
   * each host), or cert-manager ClusterIssuers by name.
   * @default - none
   */
  readonly certificates?: { readonly acm?: boolean; readonly clusterIssuers?: readonly string[] };
  /**
   * The service accounts it creates.
   * @default - none
   */
  readonly serviceAccounts?: readonly ProvidedServiceAccount[];
}

/** The annotation of an add-on's Application that holds its `ClusterCapabilities` as JSON. */
export const PROVIDES_ANNOTATION = 'paved.dev/provides';

/** The label of an add-on's Application that names the add-on: `paved.dev/add-on: external-secrets`. */
export const ADD_ON_LABEL = 'paved.dev/add-on';
