'use strict';
// A Backstage backend of release 1.45.0 with the catalog and the scaffolder (and its GitHub
// actions), for paved's test suite: test/backstage/backstage-backend.ts installs this package
// (`npm ci`) and runs this file with the configuration files it is given, for example
//
//   PAVED_BACKSTAGE_TOKEN=<random> node --no-node-snapshot start-backend.cjs \
//     --config app-config.yaml --config <a file with backend.listen.port, baseUrl, catalog.locations>
//
// (`--no-node-snapshot`: the scaffolder runs templates in isolated-vm, which needs it on Node 20+.)
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend').default);
backend.add(require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model').default);
backend.add(require('@backstage/plugin-scaffolder-backend').default);
backend.add(require('@backstage/plugin-scaffolder-backend-module-github').default);
backend.start().catch((error) => {
  process.stderr.write(`the Backstage backend did not start: ${error.stack ?? error}\n`);
  process.exit(1);
});
