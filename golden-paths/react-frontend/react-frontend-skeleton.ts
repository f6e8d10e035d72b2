import { SkeletonContext, runbook, techdocs } from '../skeleton-context';

/** A starter React app, built with Vite and served by unprivileged nginx on 8080. */
export function reactFrontendSkeleton(context: SkeletonContext): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({
      name: context.name,
      private: true,
      type: 'module',
      scripts: { dev: 'vite', build: 'vite build', test: 'vitest run' },
      dependencies: { 'react': '^18.3.1', 'react-dom': '^18.3.1' },
      devDependencies: { vite: '^7.0.0', vitest: '^3.0.0' },
    }, undefined, 2)}\n`,
    'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${context.name}</title></head>
  <body><div id="root"></div><script type="module" src="/src/main.js"></script></body>
</html>
`,
    'src/main.js': `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

createRoot(document.getElementById('root')).render(createElement(App));
`,
    'src/app.js': `import { createElement } from 'react';

export function App() {
  return createElement('h1', null, '${context.name}');
}
`,
    'src/app.test.js': `import { expect, test } from 'vitest';
import { App } from './app.js';

test('renders the service name', () => {
  expect(App().props.children).toBe('${context.name}');
});
`,
    'nginx.conf': `server {
  listen 8080;
  root /usr/share/nginx/html;
  location = /healthz { return 200 'ok'; }
  location / { try_files $uri /index.html; }
}
`,
    'Dockerfile': `FROM node:20-alpine AS build
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist /usr/share/nginx/html
USER 10001:10001
EXPOSE 8080
`,
    'RUNBOOK.md': runbook(context),
    ...techdocs(context),
  };
}
