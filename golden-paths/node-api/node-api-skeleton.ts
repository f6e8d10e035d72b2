import { SkeletonContext, runbook, techdocs } from '../skeleton-context';

/** A starter Node.js API: no dependencies, health, readiness and metrics endpoints, non-root image. */
export function nodeApiSkeleton(context: SkeletonContext): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({
      name: context.name,
      private: true,
      scripts: { start: 'node src/server.js', test: 'node --test' },
      engines: { node: '>=20' },
    }, undefined, 2)}\n`,
    'src/server.js': `'use strict';
const http = require('node:http');

let ready = false;
let requests = 0;

const server = http.createServer((req, res) => {
  requests += 1;
  if (req.url === '/healthz') return send(res, 200, 'ok');
  if (req.url === '/readyz') return send(res, ready ? 200 : 503, ready ? 'ready' : 'starting');
  if (req.url === '/metrics') return send(res, 200, \`# TYPE http_requests_total counter\\nhttp_requests_total{code="200"} \${requests}\\n\`);
  return send(res, 200, JSON.stringify({ service: '${context.name}', environment: process.env.PAVED_ENVIRONMENT }));
});

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}

if (require.main === module) {
  server.listen(Number(process.env.PORT ?? 8080), () => { ready = true; });
  process.on('SIGTERM', () => { ready = false; server.close(() => process.exit(0)); });
}

module.exports = { server };
`,
    'test/server.test.js': `'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { server } = require('../src/server');

test('answers /healthz', async () => {
  await new Promise((resolve) => server.listen(0, resolve));
  const response = await fetch(\`http://127.0.0.1:\${server.address().port}/healthz\`);
  assert.strictEqual(response.status, 200);
  server.close();
});
`,
    'Dockerfile': `FROM node:20-alpine
WORKDIR /app
COPY package.json ./
COPY src ./src
USER 10001:10001
EXPOSE 8080
CMD ["node", "src/server.js"]
`,
    'RUNBOOK.md': runbook(context),
    ...techdocs(context),
  };
}
