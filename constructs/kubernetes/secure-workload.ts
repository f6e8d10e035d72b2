import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Deviation, WORKLOAD_RULES, declareDeviation } from './deviation';
import { ExternalSecret } from './external-secret';
import { HealthCheck } from './health-check';
import { Image } from './image';
import { IngressRouting } from './ingress-routing';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformChart } from '../../src/platform/platform-chart';
import { LABEL_KEYS } from '../../src/platform/tagging';
import { looksSecret } from '../../src/util/secret-values';
import { sortedBy } from '../../src/util/sorted-by';
import { KUBERNETES_ID } from '../backstage/backstage-component';

/** The label that selects a workload's Pods; its value is the workload's name. */
export const WORKLOAD_LABEL = 'paved.dev/workload';

/** The ServiceAccount annotation that names the IAM role its Pods assume (IRSA). */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Smallest user and group id: ids below 10000 may clash with users on the node. */
export const MIN_RUN_AS_ID = 10000;

/** A `WorkloadPort` with its name resolved. */
export type NamedPort = WorkloadPort & { readonly name: string };

/** A port the container listens on, exposed by the Service under the same name. */
export interface WorkloadPort {
  /**
   * Port name (an IANA service name: at most 15 lowercase letters, digits and hyphens).
   * @default 'http'
   */
  readonly name?: string;
  /** Port number; containers run as non-root, so 1024-65535. */
  readonly port: number;
  /**
   * Application protocol, for meshes and load balancers (`kubernetes.io/h2c` for gRPC).
   * @default - none
   */
  readonly appProtocol?: string;
}

/** CPU, memory and ephemeral storage of the container. */
export interface WorkloadResources {
  /**
   * CPU request in millicores; no CPU limit is set, so the container may burst.
   * @default 100
   */
  readonly cpuMillis?: number;
  /**
   * Memory request in MiB.
   * @default 256
   */
  readonly memoryMiB?: number;
  /**
   * Memory limit in MiB.
   * @default - the memory request
   */
  readonly memoryLimitMiB?: number;
  /**
   * Ephemeral storage request in GiB (logs, `/tmp` and other emptyDirs).
   * @default 1
   */
  readonly ephemeralStorageGiB?: number;
}

/** How many replicas run: the HorizontalPodAutoscaler owns the count. */
export interface WorkloadAutoscaling {
  /**
   * Fewest replicas.
   * @default - the environment's `minReplicas`
   */
  readonly minReplicas?: number;
  /**
   * Most replicas.
   * @default - three times `minReplicas`
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU use, as a percentage of the request, that the autoscaler aims for.
   * @default 70
   */
  readonly targetCpuUtilizationPercent?: number;
}

/** Exposure through an Ingress with TLS. */
export interface WorkloadIngress {
  /** The DNS name clients use. */
  readonly host: string;
  /**
   * The ingress controller and how it is configured: the IngressClass, its annotations, whether
   * a TLS Secret is named.
   * @default IngressRouting.awsLoadBalancer() - the AWS Load Balancer Controller (class `alb`),
   * which finds the certificate for the tls host in ACM
   */
  readonly routing?: IngressRouting;
  /**
   * The protocol the workload speaks on its first port.
   * @default 'http'
   */
  readonly protocol?: 'http' | 'grpc';
  /**
   * The load balancer the Ingress shares with the others of its environment (the ALB's `group.name`).
   * @default `<platform>-<environment>` - that of the environment an ephemeral one came from, whose cluster it shares
   */
  readonly loadBalancerGroup?: string;
}

/** Props of a `SecureWorkload`. */
export interface SecureWorkloadProps {
  /**
   * Name of the Deployment, its Service, ServiceAccount, autoscaler, disruption budget and
   * Ingress, and the value of the Pod selector label.
   * @default - the chart's service (its `app.kubernetes.io/name` label)
   */
  readonly name?: string;
  /** The container image, pinned by digest or an explicit tag. */
  readonly image: Image;
  /**
   * The ports the container listens on; the first one serves the health checks and the Ingress.
   * @default - one port, `http` 8080
   */
  readonly ports?: readonly WorkloadPort[];
  /**
   * The check behind the startup and liveness probes.
   * @default HealthCheck.http('/healthz')
   */
  readonly healthCheck?: HealthCheck;
  /**
   * The check behind the readiness probe.
   * @default - the `healthCheck`
   */
  readonly readinessCheck?: HealthCheck;
  /**
   * Resource requests and limits.
   * @default - 100 millicores, 256 MiB memory (also the limit), 1 GiB ephemeral storage
   */
  readonly resources?: WorkloadResources;
  /**
   * Replica range of the autoscaler.
   * @default - from the environment's `minReplicas` to three times that, at 70% CPU
   */
  readonly autoscaling?: WorkloadAutoscaling;
  /**
   * Plain environment variables. Never put a secret here: use `envFromSecrets`.
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Secrets (kept in sync by External Secrets) whose keys become environment variables.
   * @default - none
   */
  readonly envFromSecrets?: readonly ExternalSecret[];
  /**
   * The IAM role the Pods assume through IRSA, annotated on their ServiceAccount.
   * @default - none: the Pods get no AWS credentials
   */
  readonly roleArn?: string;
  /**
   * Exposure outside the cluster through an Ingress with TLS.
   * @default - none: reachable inside the cluster only
   */
  readonly ingress?: WorkloadIngress;
  /**
   * Whether the workload gets a ClusterIP Service (a queue worker that nobody calls needs none).
   * @default true
   */
  readonly service?: boolean;
  /**
   * Time between SIGTERM and SIGKILL when a Pod stops.
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Absolute paths that get a writable emptyDir besides `/tmp` (caches a web server needs).
   * @default - none
   */
  readonly writableDirectories?: readonly string[];
  /**
   * User id of the container process; at least 10000.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Group id of the container process and of mounted volumes; at least 10000.
   * @default 10001
   */
  readonly runAsGroup?: number;
  /**
   * Leaves the root filesystem writable: a deviation from PAVED-K8S-POD-003 with its reason,
   * owner and expiry.
   * @default - none: the root filesystem is read-only
   */
  readonly writableRootFilesystem?: Deviation;
  /**
   * Mounts a Kubernetes API token into the Pods: a deviation from PAVED-K8S-SA-001 with its
   * reason, owner and expiry; only a workload that calls the Kubernetes API needs it. IRSA works
   * without it.
   * @default - none: no token is mounted
   */
  readonly serviceAccountToken?: Deviation;
}

/**
 * A Deployment that meets Pod Security "restricted" and runs well: non-root with fixed ids,
 * RuntimeDefault seccomp, no capabilities or privilege escalation, a read-only root filesystem,
 * requests and a memory limit, distinct startup, liveness and readiness probes, spread across
 * zones and nodes, an autoscaler that owns the replica count, a disruption budget, its own
 * ServiceAccount (IRSA, no API token), a Service and optionally an Ingress with TLS.
 *
 * Every object is named `name` and labelled `paved.dev/workload: <name>`, which selects the Pods
 * (and by which Backstage's Kubernetes plugin finds them all).
 */
export class SecureWorkload extends Construct {
  /** The labels that select the Pods of the workload called `name`. */
  public static selectorLabels(name: string): Record<string, string> {
    return { [WORKLOAD_LABEL]: name };
  }

  /** The name of the Deployment and its Service, ServiceAccount, autoscaler, disruption budget and Ingress: `props.name`, or the chart's service. */
  public readonly name: string;
  /** The container image, from `props.image`. */
  public readonly image: Image;
  /** The ports, with their names resolved. */
  public readonly ports: readonly NamedPort[];
  /** The check behind the startup and liveness probes: `props.healthCheck`, or an HTTP GET of `/healthz`. */
  public readonly healthCheck: HealthCheck;
  /** The check behind the readiness probe: `props.readinessCheck`, or `healthCheck`. */
  public readonly readinessCheck: HealthCheck;
  /**
   * The container's requests and limits: `props.resources`, with 100 millicores, 256 MiB memory (also the limit) and 1
   * GiB ephemeral storage for those not given.
   */
  public readonly resources: Required<WorkloadResources>;
  /** The fewest replicas: `props.autoscaling.minReplicas`, or the environment's `minReplicas`, or 1 outside an environment. */
  public readonly minReplicas: number;
  /** The most replicas the autoscaler scales to: `props.autoscaling.maxReplicas`, or three times `minReplicas`. */
  public readonly maxReplicas: number;
  /** The average CPU use, in percent of the request, the autoscaler aims for: `props.autoscaling.targetCpuUtilizationPercent`, or 70. */
  public readonly targetCpuUtilizationPercent: number;
  /** Time between SIGTERM and SIGKILL when a Pod stops: `props.terminationGracePeriod`, or 30 seconds. */
  public readonly terminationGracePeriod: Duration;
  /** Paths with a writable emptyDir: `/tmp` and the `writableDirectories`, sorted. */
  public readonly writableDirectories: readonly string[];
  /** The user id of the container process: `props.runAsUser`, or 10001. */
  public readonly runAsUser: number;
  /** The group id of the container process and of mounted volumes: `props.runAsGroup`, or 10001. */
  public readonly runAsGroup: number;
  /** Whether the container's root filesystem is read-only: true unless `props.writableRootFilesystem` is given. */
  public readonly readOnlyRootFilesystem: boolean;
  /** Whether the Pods mount a service account token: only when `props.serviceAccountToken` is given. */
  public readonly automountServiceAccountToken: boolean;
  /** The labels that select the workload's Pods. */
  public readonly selectorLabels: Readonly<Record<string, string>>;

  /** The Deployment (also `node.defaultChild`). */
  public readonly deployment: kplus.Deployment;
  /** The workload's own ServiceAccount, named `name`. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The Service, unless `service` is false. */
  public readonly service?: kplus.k8s.KubeService;
  /** The HorizontalPodAutoscaler, from `minReplicas` to `maxReplicas` at `targetCpuUtilizationPercent`. */
  public readonly autoscaler: kplus.HorizontalPodAutoscaler;
  /** The PodDisruptionBudget that lets at most one Pod of the workload be unavailable while nodes are drained. */
  public readonly disruptionBudget: kplus.k8s.KubePodDisruptionBudget;
  /** The Ingress, when `ingress` is set. */
  public readonly ingress?: kplus.k8s.KubeIngress;

  constructor(scope: Construct, id: string, props: SecureWorkloadProps) {
    super(scope, id);
    const chart = PlatformChart.of(this);
    const problems: string[] = [];

    const name = props.name ?? chart.labels[LABEL_KEYS.service];
    if (name === undefined) {
      throw new PavedValidationError(this, "'name' is needed in a chart without a service; set it, or declare the workload in platform.placement(service, env).chart.");
    }
    this.name = name;
    this.image = props.image;
    if (props.image.problem) {
      problems.push(`'image': ${props.image.problem}`);
    }
    this.ports = (props.ports ?? [{ port: 8080 }]).map((p) => ({ ...p, name: p.name ?? 'http' }));
    problems.push(...portProblems(this.ports));
    this.healthCheck = props.healthCheck ?? HealthCheck.http('/healthz');
    this.readinessCheck = props.readinessCheck ?? this.healthCheck;
    for (const [prop, check] of [['healthCheck', this.healthCheck], ['readinessCheck', this.readinessCheck]] as const) {
      if (check.problem) {
        problems.push(`'${prop}': ${check.problem}`);
      }
    }

    const resources = props.resources ?? {};
    const memoryMiB = resources.memoryMiB ?? 256;
    this.resources = {
      cpuMillis: resources.cpuMillis ?? 100,
      memoryMiB,
      memoryLimitMiB: resources.memoryLimitMiB ?? memoryMiB,
      ephemeralStorageGiB: resources.ephemeralStorageGiB ?? 1,
    };
    for (const [key, value] of Object.entries(this.resources)) {
      if (!Number.isInteger(value) || value < 1) {
        problems.push(`'resources.${key}' must be a whole number of at least 1 (got ${value}).`);
      }
    }
    if (this.resources.memoryLimitMiB < this.resources.memoryMiB) {
      problems.push(`'resources.memoryLimitMiB' (${this.resources.memoryLimitMiB}) must be at least 'resources.memoryMiB' (${this.resources.memoryMiB}); raise the limit or lower the request.`);
    }

    const autoscaling = props.autoscaling ?? {};
    this.minReplicas = autoscaling.minReplicas ?? chart.environment?.minReplicas ?? 1;
    this.maxReplicas = autoscaling.maxReplicas ?? 3 * this.minReplicas;
    this.targetCpuUtilizationPercent = autoscaling.targetCpuUtilizationPercent ?? 70;
    if (!Number.isInteger(this.minReplicas) || this.minReplicas < 1) {
      problems.push(`'autoscaling.minReplicas' must be a whole number of at least 1 (got ${this.minReplicas}).`);
    }
    if (!Number.isInteger(this.maxReplicas) || this.maxReplicas < this.minReplicas) {
      problems.push(`'autoscaling.maxReplicas' must be a whole number of at least minReplicas (${this.minReplicas}) (got ${this.maxReplicas}).`);
    }
    if (!Number.isInteger(this.targetCpuUtilizationPercent) || this.targetCpuUtilizationPercent < 1 || this.targetCpuUtilizationPercent > 100) {
      problems.push(`'autoscaling.targetCpuUtilizationPercent' must be 1-100 (got ${this.targetCpuUtilizationPercent}).`);
    }

    const env = props.env ?? {};
    problems.push(...envProblems(env));
    this.terminationGracePeriod = props.terminationGracePeriod ?? Duration.seconds(30);
    this.writableDirectories = sortedBy(new Set(['/tmp', ...props.writableDirectories ?? []]), (d) => d);
    for (const dir of this.writableDirectories) {
      if (!/^\/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$/.test(dir) || dir.split('/').includes('..')) {
        problems.push(`'writableDirectories' must hold absolute paths such as '/var/cache/nginx' (got '${dir}').`);
      }
    }
    this.runAsUser = props.runAsUser ?? 10001;
    this.runAsGroup = props.runAsGroup ?? 10001;
    for (const [prop, value] of [['runAsUser', this.runAsUser], ['runAsGroup', this.runAsGroup]] as const) {
      if (!Number.isInteger(value) || value < MIN_RUN_AS_ID) {
        problems.push(`'${prop}' must be a whole number of at least ${MIN_RUN_AS_ID}, so that it matches no user on the node (got ${value}); build the image with that id, e.g. 'USER 10001'.`);
      }
    }
    if (props.roleArn !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/\S+$/.test(props.roleArn)) {
      problems.push(`'roleArn' must be an IAM role ARN such as 'arn:aws:iam::111111111111:role/checkout' (got '${props.roleArn}').`);
    }
    if (props.ingress && !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(props.ingress.host)) {
      problems.push(`'ingress.host' must be a DNS name such as 'checkout.acme.example' (got '${props.ingress.host}').`);
    }
    this.readOnlyRootFilesystem = props.writableRootFilesystem === undefined;
    this.automountServiceAccountToken = props.serviceAccountToken !== undefined;
    PavedValidationError.throwIfAny(this, problems);
    if (props.writableRootFilesystem) {
      declareDeviation(this, WORKLOAD_RULES.readOnlyRootFilesystem, props.writableRootFilesystem);
    }
    if (props.serviceAccountToken) {
      declareDeviation(this, WORKLOAD_RULES.noServiceAccountToken, props.serviceAccountToken);
    }

    this.selectorLabels = SecureWorkload.selectorLabels(this.name);

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.name, annotations: props.roleArn ? { [IRSA_ROLE_ANNOTATION]: props.roleArn } : undefined },
      automountToken: this.automountServiceAccountToken,
    });

    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: { name: this.name, labels: { ...this.selectorLabels } },
      select: false,
      podMetadata: { labels: { ...chart.labels, ...this.selectorLabels, [KUBERNETES_ID]: this.name } },
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: this.automountServiceAccountToken,
      terminationGracePeriod: this.terminationGracePeriod,
      securityContext: { user: this.runAsUser, group: this.runAsGroup, fsGroup: this.runAsGroup, ensureNonRoot: true },
      containers: [{
        name: this.name,
        image: this.image.reference,
        imagePullPolicy: this.image.pinnedByDigest ? kplus.ImagePullPolicy.IF_NOT_PRESENT : kplus.ImagePullPolicy.ALWAYS,
        ports: this.ports.map((p) => ({ name: p.name, number: p.port })),
        envVariables: Object.fromEntries(sortedBy(Object.entries(env), ([k]) => k).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
        envFrom: sortedBy(props.envFromSecrets ?? [], (s) => s.secretName)
          .map((s) => kplus.Env.fromSecret(kplus.Secret.fromSecretName(this, `EnvFrom-${s.secretName}`, s.secretName))),
        resources: {
          cpu: { request: kplus.Cpu.millis(this.resources.cpuMillis) },
          memory: { request: Size.mebibytes(this.resources.memoryMiB), limit: Size.mebibytes(this.resources.memoryLimitMiB) },
          ephemeralStorage: { request: Size.gibibytes(this.resources.ephemeralStorageGiB) },
        },
        securityContext: {
          user: this.runAsUser,
          group: this.runAsGroup,
          ensureNonRoot: true,
          privileged: false,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: this.readOnlyRootFilesystem,
          capabilities: { drop: [kplus.Capability.ALL] },
          seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        },
        volumeMounts: this.writableDirectories.map((path) => ({
          path,
          volume: kplus.Volume.fromEmptyDir(this, `Volume-${volumeName(path)}`, volumeName(path)),
        })),
      }],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...this.selectorLabels } }));
    this.fixDeployment(chart);

    this.autoscaler = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
      metadata: { name: this.name, labels: { ...this.selectorLabels } },
      target: this.deployment,
      minReplicas: this.minReplicas,
      maxReplicas: this.maxReplicas,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(this.targetCpuUtilizationPercent))],
    });

    this.disruptionBudget = new kplus.k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: this.name, labels: { ...this.selectorLabels } },
      spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: { ...this.selectorLabels } } },
    });

    this.service = props.service === false ? undefined : new kplus.k8s.KubeService(this, 'Service', {
      metadata: { name: this.name, labels: { ...this.selectorLabels } },
      spec: {
        type: 'ClusterIP',
        selector: { ...this.selectorLabels },
        ports: this.ports.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: kplus.k8s.IntOrString.fromString(p.name),
          protocol: 'TCP',
          appProtocol: p.appProtocol,
        })),
      },
    });

    if (props.ingress && !this.service) {
      throw new PavedValidationError(this, "'ingress' needs a Service; remove 'service: false' or the ingress.");
    }
    if (props.ingress) {
      const routing = props.ingress.routing ?? IngressRouting.awsLoadBalancer();
      const environment = chart.environment?.ephemeral?.from ?? chart.environment?.name;
      const annotations = routing.annotationsFor({
        loadBalancerGroup: props.ingress.loadBalancerGroup ?? `${chart.platform.name}-${environment}`,
        protocol: props.ingress.protocol ?? 'http',
        readinessCheck: this.readinessCheck,
      });
      this.ingress = new kplus.k8s.KubeIngress(this, 'Ingress', {
        metadata: { name: this.name, labels: { ...this.selectorLabels }, annotations: Object.keys(annotations).length > 0 ? annotations : undefined },
        spec: {
          ingressClassName: routing.className,
          tls: [{ hosts: [props.ingress.host], secretName: routing.tlsSecretNameFor(this.name) }],
          rules: [{
            host: props.ingress.host,
            http: {
              paths: [{
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: this.name, port: { name: this.ports[0].name } } },
              }],
            },
          }],
        },
      });
    }
    // Backstage's Kubernetes plugin finds a component's objects by this label.
    for (const child of this.node.findAll()) {
      if (ApiObject.isApiObject(child)) {
        child.metadata.addLabel(KUBERNETES_ID, this.name);
      }
    }
  }

  /**
   * What cdk8s-plus cannot express, patched onto the Deployment: our probes (it has no gRPC
   * probe and adds a TCP startup probe), topology spread constraints, no `cdk8s.io/metadata.addr`
   * Pod label, and RuntimeDefault seccomp for the whole Pod.
   */
  private fixDeployment(chart: PlatformChart): void {
    const port = this.ports[0].port;
    const probe = (check: HealthCheck, timing: { periodSeconds: number; failureThreshold: number }) => ({
      ...check.probeHandler(port),
      ...timing,
      timeoutSeconds: 1,
      successThreshold: 1,
    });
    const spread = (topologyKey: string, whenUnsatisfiable: string) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable,
      labelSelector: { matchLabels: { ...this.selectorLabels } },
    });
    const container = '/spec/template/spec/containers/0';
    ApiObject.of(this.deployment).addJsonPatch(
      JsonPatch.remove(`/spec/template/metadata/labels/${kplus.Pod.ADDRESS_LABEL.replace('/', '~1')}`),
      // Startup: up to 5 minutes to start; liveness only after that; readiness every 5 seconds.
      JsonPatch.add(`${container}/startupProbe`, probe(this.healthCheck, { periodSeconds: 5, failureThreshold: 60 })),
      JsonPatch.add(`${container}/livenessProbe`, probe(this.healthCheck, { periodSeconds: 10, failureThreshold: 3 })),
      JsonPatch.add(`${container}/readinessProbe`, probe(this.readinessCheck, { periodSeconds: 5, failureThreshold: 2 })),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
        spread('topology.kubernetes.io/zone', chart.environment?.isProduction ? 'DoNotSchedule' : 'ScheduleAnyway'),
        spread('kubernetes.io/hostname', 'ScheduleAnyway'),
      ]),
    );
  }
}

function volumeName(path: string): string {
  return path.replace(/^\/+/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'root';
}

function portProblems(ports: readonly NamedPort[]): string[] {
  const problems: string[] = [];
  if (ports.length === 0) {
    problems.push("'ports' is empty; declare the port the container listens on, e.g. [{ port: 8080 }].");
  }
  for (const { name, port } of ports) {
    if (!Number.isInteger(port) || port < 1024 || port > 65535) {
      problems.push(`'ports' must be 1024-65535 (got ${port}); containers run as non-root, so use 8080.`);
    }
    if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(name) || !/[a-z]/.test(name) || name.includes('--')) {
      problems.push(`'ports[].name' must be at most 15 lowercase letters, digits and hyphens with a letter, such as 'http' or 'grpc' (got '${name}').`);
    }
  }
  for (const [what, values] of [['name', ports.map((p) => p.name)], ['number', ports.map((p) => String(p.port))]] as const) {
    const repeated = values.filter((v, i) => values.indexOf(v) !== i);
    if (repeated.length > 0) {
      problems.push(`'ports' has the ${what} '${repeated[0]}' twice; each port needs its own name and number.`);
    }
  }
  return problems;
}

function envProblems(env: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      problems.push(`'env' has the variable name '${key}'; use letters, digits and '_', not starting with a digit.`);
    }
    if (typeof value !== 'string') {
      problems.push(`'env.${key}' must be a string (got ${JSON.stringify(value)}).`);
    }
    // The same test as the guardrail PAVED-K8S-SEC-001, so what passes here passes there.
    if (looksSecret(key, value)) {
      problems.push(`'env.${key}' looks like a secret, and plain variables are written into the manifests in clear text; put it in AWS Secrets Manager and pass it with 'envFromSecrets' (an ExternalSecret).`);
    }
  }
  return problems;
}
