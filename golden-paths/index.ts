export * from './golden-path-spec';
export * from './grpc-service';
export * from './node-api';
export * from './platform-baseline';
export * from './python-worker';
export * from './react-frontend';
export * from './service';
export * from './service-ci-workflow';
