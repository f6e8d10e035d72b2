import { spawnSync } from 'child_process';
import { readFileSync, statSync, writeFileSync } from 'fs';
import { join, relative, resolve } from 'path';
import { main } from '../../src/cli/main';
import { readStack, tempDir } from '../util';

// Each step runs the CLI (and a few fake-engine processes per stack) on a busy machine.
jest.setTimeout(90_000);

const ROOT = resolve(__dirname, '..', '..');
const FAKE_ENGINE = join(__dirname, '..', 'operations', 'fake-engine');

/** A fresh platform in an empty account: one environment, its baseline, one service with a database. */
const APP = `import { join } from 'path';
import { NodeApi, PlatformBaseline } from '${join(ROOT, 'golden-paths')}';
import { Platform, RecordedFacts } from '${join(ROOT, 'src')}';
const platform = new Platform({
  name: 'acme',
  gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
  region: 'eu-west-1',
  account: '111111111111',
  environments: [{ name: 'dev' }],
  teams: [{ name: 'payments', idpGroup: 'acme-payments', contact: { email: 'payments@acme.example' } }],
  facts: RecordedFacts.fromFile(join(__dirname, 'paved-facts.json')),
});
new PlatformBaseline(platform, { platformTeam: 'payments', domain: 'acme.example' });
new NodeApi(platform, 'checkout', { team: 'payments', database: true });
export default platform;
`;

/** What \`terraform output -json\` of platform-dev gives after its first apply. */
const OUTPUTS = {
  'platform-dev': {
    network: { vpcId: 'vpc-0d1d1d1d1d1d1d1d0', privateSubnetIds: ['subnet-0d1d1d1d1d1d1d1da', 'subnet-0d1d1d1d1d1d1d1db', 'subnet-0d1d1d1d1d1d1d1dc'], cidr: '10.0.0.0/16' },
    cluster: {
      oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1',
      clusterName: 'acme-dev',
      clusterSecurityGroupId: 'sg-0d1d1d1d1d1d1d1d1',
      oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1',
    },
  },
};

/** The facts file paved apply writes from OUTPUTS: format, keys sorted, a trailing newline. */
const RECORDED = `{
  "environments": {
    "dev": {
      "cluster": {
        "clusterName": "acme-dev",
        "clusterSecurityGroupId": "sg-0d1d1d1d1d1d1d1d1",
        "oidcIssuerUrl": "https://oidc.eks.eu-west-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1",
        "oidcProviderArn": "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1"
      },
      "network": {
        "cidr": "10.0.0.0/16",
        "privateSubnetIds": [
          "subnet-0d1d1d1d1d1d1d1da",
          "subnet-0d1d1d1d1d1d1d1db",
          "subnet-0d1d1d1d1d1d1d1dc"
        ],
        "vpcId": "vpc-0d1d1d1d1d1d1d1d0"
      }
    }
  },
  "format": "paved-facts/1"
}
`;

function synthCli(repo: string) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'paved'), 'synth', 'platform.ts', '--out', 'dist', '--as-of', '2026-11-28'], { cwd: repo, encoding: 'utf8' });
}

async function paved(args: readonly string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, { FAKE_ENGINE_OUTPUTS: JSON.stringify(OUTPUTS), ...env });
  let stdout = '';
  let stderr = '';
  try {
    const status = await main([...args, '--engine', FAKE_ENGINE], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    return { status, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

const stackGraph = (dist: string) => JSON.parse(readFileSync(join(dist, 'terraform', 'stacks.json'), 'utf8'));
const report = (dist: string) => JSON.parse(readFileSync(join(dist, 'report', 'report.json'), 'utf8'));

describe('day 0: from an empty account to the first deployed service', () => {
  const repo = tempDir();
  const dist = join(repo, 'dist');
  const facts = join(repo, 'paved-facts.json');
  writeFileSync(join(repo, 'platform.ts'), APP);
  let dayZeroFindings: unknown[] = [];

  test('1. with nothing recorded, the service synthesizes with placeholders and waits for the platform stack', () => {
    const run = synthCli(repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  1 stack waits for facts not recorded yet (synthesized with placeholders: 'paved plan' plans them, 'paved apply' leaves them out):\n"
      + "    checkout-dev waits for the cluster and network of stack 'platform-dev': 'paved apply --stack platform-dev' records them in paved-facts.json; commit it and synth again\n");
    const graph = stackGraph(dist);
    expect(graph.factsFile).toBe('paved-facts.json');
    const byId = new Map(graph.stacks.map((s: any) => [s.id, s]));
    expect((byId.get('platform-dev') as any).factOutputs).toEqual(['cluster', 'network']);
    expect((byId.get('checkout-dev') as any).waitsFor).toEqual([{ stack: 'platform-dev', output: 'cluster' }, { stack: 'platform-dev', output: 'network' }]);
    expect(graph.stacks.filter((s: any) => s.waitsFor).map((s: any) => s.id)).toEqual(['checkout-dev']);
    expect(report(dist).waiting).toEqual([{
      stack: 'checkout-dev',
      environment: 'dev',
      waitsFor: [{ stack: 'platform-dev', output: 'cluster' }, { stack: 'platform-dev', output: 'network' }],
      unblock: "the cluster and network of stack 'platform-dev': 'paved apply --stack platform-dev' records them in paved-facts.json; commit it and synth again",
    }]);
    expect(readFileSync(join(dist, 'report', 'index.html'), 'utf8')).toContain('<h2 class="warning" data-testid="waiting">1 stack waits for facts not recorded yet</h2>');
    const database = Object.values(readStack(dist, 'dev', 'checkout-dev').resource.aws_db_subnet_group) as any[];
    expect(database[0].subnet_ids).toEqual(['subnet-00000000000000000', 'subnet-00000000000000001']);
    dayZeroFindings = report(dist).findings;
  });

  test('2. paved bootstrap --env dev creates the state bucket', async () => {
    const run = await paved(['bootstrap', '--env', 'dev', '--dist', dist]);
    expect(run.status).toBe(0);
  });

  test('3. paved apply --env dev applies the platform stack, records its facts, and leaves the waiting service out (exit 3)', async () => {
    const run = await paved(['apply', '--env', 'dev', '--dist', dist, '--facts', facts]);
    expect(run.stderr).toBe('');
    expect(readFileSync(facts, 'utf8')).toBe(RECORDED);
    expect(run.stdout).toMatch(/^platform-dev +dev .* ok /m);
    expect(run.stdout).toMatch(/^checkout-dev +dev +- +- +- +waiting /m);
    expect(run.stdout).toContain(`platform-dev: recorded cluster, network of environment 'dev' in ${relative(process.cwd(), facts)}; commit it and synth again.\n`);
    expect(run.stdout).toContain('checkout-dev: not applied: facts recorded: synth again to apply\n');
    expect(run.stdout).toMatch(/, 1 waiting \(fake-engine\)/);
    expect(run.status).toBe(3);
  });

  test('a second apply rewrites nothing', async () => {
    const before = statSync(facts).mtimeMs;
    const run = await paved(['apply', '--env', 'dev', '--stack', 'platform-dev', '--dist', dist, '--facts', facts]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`platform-dev: cluster, network of environment 'dev' unchanged in ${relative(process.cwd(), facts)}.\n`);
    expect(readFileSync(facts, 'utf8')).toBe(RECORDED);
    expect(statSync(facts).mtimeMs).toBe(before);
  });

  test('4. synthesized again with the facts, nothing waits and the service uses the recorded network', () => {
    const run = synthCli(repo);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('wait');
    expect(stackGraph(dist).stacks.filter((s: any) => s.waitsFor)).toEqual([]);
    expect(report(dist).waiting).toEqual([]);
    const database = Object.values(readStack(dist, 'dev', 'checkout-dev').resource.aws_db_subnet_group) as any[];
    expect(database[0].subnet_ids).toEqual(OUTPUTS['platform-dev'].network.privateSubnetIds);
    // The placeholders raised no finding that the real values do not.
    expect(report(dist).findings).toEqual(dayZeroFindings);
  });

  test('5. paved plan --offline plans the service stack, no longer waiting; paved apply applies it', async () => {
    const plan = await paved(['plan', '--offline', '--stack', 'checkout-dev', '--dist', dist]);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(/^checkout-dev +dev +\d+ +0 +0 +ok /m);
    const apply = await paved(['apply', '--env', 'dev', '--dist', dist, '--facts', facts]);
    expect(apply.status).toBe(0);
    expect(apply.stdout).toMatch(/^checkout-dev +dev +\d+ +0 +0 +ok /m);
  });
});

describe('paved plan and apply of a waiting stack', () => {
  const repo = tempDir();
  const dist = join(repo, 'dist');
  writeFileSync(join(repo, 'platform.ts'), APP);
  synthCli(repo);

  test('paved plan plans it with placeholders and marks it waiting', async () => {
    const run = await paved(['plan', '--offline', '--stack', 'checkout-dev', '--dist', dist]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^checkout-dev +dev +\d+ +0 +0 +ok \(waiting\) /m);
    expect(run.stdout).toContain("checkout-dev: planned with placeholders, not applied until its facts are recorded: it waits for the cluster and network of stack 'platform-dev': "
      + "'paved apply --stack platform-dev' records them in paved-facts.json; commit it and synth again\n");
  });

  test('paved apply refuses to record facts in a file of another name than the declared one, before running anything', async () => {
    const run = await paved(['apply', '--env', 'dev', '--dist', dist, '--facts', join(repo, 'package.json')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`--facts ${join(repo, 'package.json')} is not the platform's facts file: the platform reads its facts from a file named paved-facts.json (RecordedFacts.fromFile); pass --facts with the path of that file. Nothing has run.`);
  });

  test('paved apply of it alone does not apply it, says what it waits for, and exits 3', async () => {
    const run = await paved(['apply', '--stack', 'checkout-dev', '--dist', dist, '--json']);
    expect(run.status).toBe(3);
    const summary = JSON.parse(run.stdout);
    expect(summary.ok).toBe(false);
    expect(summary.stacks).toEqual([expect.objectContaining({
      id: 'checkout-dev',
      result: 'waiting',
      adds: null,
      waitsFor: [{ stack: 'platform-dev', output: 'cluster' }, { stack: 'platform-dev', output: 'network' }],
      error: "not applied: it waits for the cluster and network of stack 'platform-dev': 'paved apply --stack platform-dev' records them in paved-facts.json; commit it and synth again",
    })]);
  });
});
