import { ACTIONS } from '../../src/platform/github-actions';
import { Toolchain } from '../toolchain';

/** Node.js 20 with npm: `npm ci`, `npm test`. */
export const NODE_TOOLCHAIN = new Toolchain({
  name: 'node',
  setup: { name: 'Set up Node.js', uses: ACTIONS.setupNode, with: { 'node-version': '20', 'cache': 'npm' } },
  install: 'npm ci',
  test: 'npm test',
});
