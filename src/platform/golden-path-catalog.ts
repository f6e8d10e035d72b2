/** A golden path as the platform offers it: in templates, the scaffolder and reports. */
export interface GoldenPathEntry {
  /** Its name for people. */
  readonly title: string;
  /** The class a declaration instantiates, exported by `paved/golden-paths`. */
  readonly className: string;
}

/** The golden paths paved offers, by id. */
export const GOLDEN_PATH_CATALOG: Readonly<Record<string, GoldenPathEntry>> = {
  'node-api': { title: 'Node.js HTTP API', className: 'NodeApi' },
  'python-worker': { title: 'Python queue worker', className: 'PythonWorker' },
  'react-frontend': { title: 'React frontend', className: 'ReactFrontend' },
  'grpc-service': { title: 'gRPC service', className: 'GrpcService' },
};
