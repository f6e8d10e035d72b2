import { PYTHON_TOOLCHAIN } from './python-toolchain';
import { pythonWorkerSkeleton } from './python-worker-skeleton';
import type { GoldenPath } from '../golden-path';

/** The `python-worker` golden path: `PythonWorker`. */
export const PYTHON_WORKER_GOLDEN_PATH: GoldenPath = {
  id: 'python-worker',
  title: 'Python queue worker',
  className: 'PythonWorker',
  toolchain: PYTHON_TOOLCHAIN,
  skeleton: pythonWorkerSkeleton,
};
