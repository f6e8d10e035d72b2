import { grpcServiceSkeleton } from './grpc-service-skeleton';
import type { GoldenPath } from '../golden-path';
import { NODE_TOOLCHAIN } from '../node-api/node-toolchain';

/** The `grpc-service` golden path: `GrpcService` (Node.js by default, or Python: its `toolchain` prop). */
export const GRPC_SERVICE_GOLDEN_PATH: GoldenPath = {
  id: 'grpc-service',
  title: 'gRPC service',
  className: 'GrpcService',
  toolchain: NODE_TOOLCHAIN,
  skeleton: grpcServiceSkeleton,
};
