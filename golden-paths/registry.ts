import { GoldenPathRegistry } from './golden-path-registry';
import { GRPC_SERVICE_GOLDEN_PATH } from './grpc-service/grpc-service-golden-path';
import { NODE_API_GOLDEN_PATH } from './node-api/node-api-golden-path';
import { PYTHON_WORKER_GOLDEN_PATH } from './python-worker/python-worker-golden-path';
import { REACT_FRONTEND_GOLDEN_PATH } from './react-frontend/react-frontend-golden-path';

/**
 * paved's golden paths, one line each, in the order the catalog and `paved new` list them: the
 * default registry of `PlatformBaseline`. Add a golden path with `GOLDEN_PATHS.with(...)`.
 */
export const GOLDEN_PATHS = new GoldenPathRegistry([
  NODE_API_GOLDEN_PATH,
  PYTHON_WORKER_GOLDEN_PATH,
  REACT_FRONTEND_GOLDEN_PATH,
  GRPC_SERVICE_GOLDEN_PATH,
]);
