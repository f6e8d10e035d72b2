import { ChildProcess, spawn, spawnSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { AddressInfo, createServer } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/** This folder: the harness package (package.json, package-lock.json, app-config.yaml, start-backend.cjs). */
const HARNESS = __dirname;
/** How long `npm ci` of the harness may take (it builds better-sqlite3 and isolated-vm from source). */
const INSTALL_TIMEOUT_MS = 15 * 60_000;
/** How long the backend may take to become ready. */
const START_TIMEOUT_MS = 180_000;

/** The Node.js majors Backstage 1.45 supports (its `engines`: `20 || 22`). */
const SUPPORTED_NODE_MAJORS = [20, 22];

/** Where the harness is installed, or why it could not be. */
export type BackstageInstall = { readonly modules: string; readonly seconds: number } | { readonly problem: string };

/**
 * Installs the harness package with `npm ci` (niced) into a cache directory keyed by its lockfile
 * and by the Node ABI (the native modules are built for one), under `$PAVED_BACKSTAGE_CACHE` or the
 * system temp directory; a later run with the same lockfile and Node reuses it. It needs the npm
 * registry and a C++ toolchain (node-gyp builds better-sqlite3 and isolated-vm from source).
 * @returns the `node_modules` directory and the seconds the install took (0 when cached), or the problem
 */
export function installBackstage(): BackstageInstall {
  const major = Number(process.versions.node.split('.')[0]);
  if (!SUPPORTED_NODE_MAJORS.includes(major)) {
    return { problem: `Backstage 1.45 runs on Node ${SUPPORTED_NODE_MAJORS.join(' and ')}, not on this Node ${process.version}, so the harness runs only there.` };
  }
  const lock = readFileSync(join(HARNESS, 'package-lock.json'));
  const key = createHash('sha256').update(readFileSync(join(HARNESS, 'package.json'))).update(lock).digest('hex').slice(0, 16);
  const dir = join(process.env.PAVED_BACKSTAGE_CACHE ?? tmpdir(), `paved-backstage-${key}-${process.platform}-${process.arch}-abi${process.versions.modules}`);
  const modules = join(dir, 'node_modules');
  if (existsSync(modules)) {
    return { modules, seconds: 0 };
  }
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    cpSync(join(HARNESS, file), join(partial, file));
  }
  const started = Date.now();
  const npm = ['npm', 'ci', '--no-audit', '--no-fund', '--loglevel=error'];
  const command = existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '19', ...npm] : npm;
  const run = spawnSync(command[0], command.slice(1), { cwd: partial, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (run.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    const output = `${run.error?.message ?? ''}\n${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    return { problem: `npm ci of ${HARNESS} failed (exit ${run.status ?? run.signal}):\n${output}` };
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { modules, seconds: Math.round((Date.now() - started) / 1000) };
}

/** A running Backstage backend of the harness, called with its static token. */
export interface BackstageBackend {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** GETs `path` (such as `/api/catalog/entities`) and parses the JSON answer; rejects on a non-2xx status. */
  get(path: string): Promise<any>;
  /** POSTs `body` as JSON to `path`; resolves to the status and parsed answer. */
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  /** What the backend has logged so far. */
  log(): string;
  /** Stops the backend and waits for it to exit. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the harness backend on a free port of 127.0.0.1, with `config` (catalog locations,
 * `backend.reading.allow`...) on top of app-config.yaml, and waits until it is ready.
 */
export async function startBackstage(modules: string, config: Record<string, unknown>): Promise<BackstageBackend> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('hex');
  const configDir = mkdtempSync(join(tmpdir(), 'paved-backstage-run-'));
  const extra = join(configDir, 'app-config.test.yaml');
  // JSON is YAML: the config loader reads it as it is.
  writeFileSync(extra, JSON.stringify({
    ...config,
    backend: { ...(config.backend as object), baseUrl, listen: { host: '127.0.0.1', port } },
  }, null, 2));
  const child = spawn(process.execPath, ['--no-node-snapshot', join(HARNESS, 'start-backend.cjs'), '--config', join(HARNESS, 'app-config.yaml'), '--config', extra], {
    // Backstage looks for the package root from its working directory: the installed harness.
    cwd: dirname(modules),
    env: { ...process.env, NODE_PATH: modules, NODE_ENV: 'development', PAVED_BACKSTAGE_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => output += chunk);
  child.stderr!.on('data', (chunk) => output += chunk);
  const backend: BackstageBackend = {
    baseUrl,
    async get(path) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) {
        throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      }
      return response.json();
    },
    async post(path, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST', headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    log: () => output,
    stop: () => stopProcess(child).finally(() => rmSync(configDir, { recursive: true, force: true })),
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await backend.stop();
      throw new Error(`the Backstage backend exited with ${child.exitCode} before it was ready:\n${output.slice(-4000)}`);
    }
    const ready = await fetch(`${baseUrl}/.backstage/health/v1/readiness`).then((r) => r.ok, () => false);
    if (ready) {
      return backend;
    }
    await sleep(500);
  }
  await backend.stop();
  throw new Error(`the Backstage backend was not ready after ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-4000)}`);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
