import { reactFrontendSkeleton } from './react-frontend-skeleton';
import type { GoldenPath } from '../golden-path';
import { NODE_TOOLCHAIN } from '../node-api/node-toolchain';

/** The `react-frontend` golden path: `ReactFrontend`. */
export const REACT_FRONTEND_GOLDEN_PATH: GoldenPath = {
  id: 'react-frontend',
  title: 'React frontend',
  className: 'ReactFrontend',
  toolchain: NODE_TOOLCHAIN,
  skeleton: reactFrontendSkeleton,
};
