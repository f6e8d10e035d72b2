import { nodeApiSkeleton } from './node-api-skeleton';
import { NODE_TOOLCHAIN } from './node-toolchain';
import type { GoldenPath } from '../golden-path';

/** The `node-api` golden path: `NodeApi`. */
export const NODE_API_GOLDEN_PATH: GoldenPath = {
  id: 'node-api',
  title: 'Node.js HTTP API',
  className: 'NodeApi',
  toolchain: NODE_TOOLCHAIN,
  skeleton: nodeApiSkeleton,
};
