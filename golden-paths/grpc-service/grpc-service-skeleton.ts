import { SkeletonContext, runbook, techdocs } from '../skeleton-context';

/** A starter gRPC service in Node.js with the standard health service (`liveness` and overall). */
export function grpcServiceSkeleton(context: SkeletonContext): Record<string, string> {
  const service = context.name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  return {
    [`proto/${context.name}.proto`]: `syntax = "proto3";

package ${context.name.replace(/-/g, '_')}.v1;

service ${service} {
  rpc Ping (PingRequest) returns (PingReply);
}

message PingRequest {}
message PingReply { string message = 1; }
`,
    'package.json': `${JSON.stringify({
      name: context.name,
      private: true,
      scripts: { start: 'node src/server.js', test: 'node --test' },
      dependencies: { '@grpc/grpc-js': '^1.12.0', '@grpc/proto-loader': '^0.7.13', 'grpc-health-check': '^2.0.2' },
    }, undefined, 2)}\n`,
    'src/server.js': `'use strict';
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const { HealthImplementation } = require('grpc-health-check');

const proto = grpc.loadPackageDefinition(loader.loadSync(\`\${__dirname}/../proto/${context.name}.proto\`));
const health = new HealthImplementation({ '': 'NOT_SERVING', liveness: 'SERVING' });
const server = new grpc.Server();
health.addToServer(server);
server.addService(proto.${context.name.replace(/-/g, '_')}.v1.${service}.service, {
  ping: (_call, callback) => callback(null, { message: 'pong' }),
});

if (require.main === module) {
  server.bindAsync('0.0.0.0:8080', grpc.ServerCredentials.createInsecure(), () => health.setStatus('', 'SERVING'));
  process.on('SIGTERM', () => { health.setStatus('', 'NOT_SERVING'); server.tryShutdown(() => process.exit(0)); });
}

module.exports = { server, health };
`,
    'test/server.test.js': `'use strict';
const { test } = require('node:test');
const assert = require('node:assert');

test('defines the service', () => {
  const { server } = require('../src/server');
  assert.ok(server);
});
`,
    'Dockerfile': `FROM node:20-alpine
WORKDIR /app
COPY package.json ./
RUN npm install --omit=dev
COPY proto ./proto
COPY src ./src
USER 10001:10001
EXPOSE 8080
CMD ["node", "src/server.js"]
`,
    'RUNBOOK.md': runbook(context),
    ...techdocs(context),
  };
}
