import { join } from 'path';
import { CiStep, MeasuredStep, changeAwareCi, ciSteps, endToEndMs, formatChangeAwareCi, sampleStacks } from '../../bench/change-aware-ci';
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform, tempDir } from '../util';

const ROOT = join(__dirname, '..', '..');

describe('the plan-everything sample', () => {
  const ids = Array.from({ length: 10 }, (_, i) => `stack-${i}`);

  test('spreads evenly over the stacks, the middle of each slice', () => {
    expect(sampleStacks(ids, 3)).toEqual(['stack-1', 'stack-5', 'stack-8']);
    expect(sampleStacks(ids, 1)).toEqual(['stack-5']);
  });

  test('is every stack when it is as large', () => {
    expect(sampleStacks(ids, 10)).toEqual(ids);
    expect(sampleStacks(ids, 20)).toEqual(ids);
  });

  test('must be a positive integer', () => {
    expect(() => sampleStacks(ids, 0)).toThrow('--plan-all-sample must be a positive integer (got 0)');
    expect(() => sampleStacks(ids, 1.5)).toThrow('--plan-all-sample must be a positive integer (got 1.5)');
  });

  test('is extrapolated by rounds of 4 stacks at once', () => {
    const steps: MeasuredStep[] = [{ name: 'check', args: [], wallMs: 1000 }, { name: 'plan everything', args: [], wallMs: 20_000 }];
    expect(endToEndMs(steps)).toBe(21_000);
    // 8 stacks are 2 rounds, 303 stacks 76.
    expect(endToEndMs(steps, { planned: 8, of: 303 })).toBe(1000 + 20_000 * 38);
  });
});

describe('the CI paths', () => {
  test('run the commands of the pull-request pipeline, offline from the provider mirror', () => {
    const offline = '--offline --provider-mirror /opt/tf-plugins --parallelism 4';
    const app = join(ROOT, 'bench', 'platform.ts');
    const line = (step: CiStep) => `${step.name}: paved ${step.args.join(' ')}`;
    const { changeAware, planAll } = ciSteps('/w', ['a-dev', 'b-prod']);
    expect(changeAware.map(line)).toEqual([
      `synth base: paved synth ${app} --out /w/base`,
      `synth head: paved synth ${app} --out /w/head`,
      `check: paved check ${app}`,
      `plan --changed: paved plan --changed --base /w/base --dist /w/head ${offline} --risk /w/risk.json --logs /w/logs-changed`,
      'diff --markdown: paved diff --base /w/base --dist /w/head --risk /w/risk.json --markdown',
    ]);
    expect(planAll.map(line)).toEqual([
      `check: paved check ${app}`,
      `synth head: paved synth ${app} --out /w/head`,
      `plan everything: paved plan --dist /w/head ${offline} --logs /w/logs-all --stack a-dev --stack b-prod`,
    ]);
    expect(ciSteps('/w').planAll[2].args).not.toContain('--stack');
  });

  test('print both end-to-end figures and the ratio', () => {
    const step = (name: string, seconds: number): MeasuredStep => ({ name, args: name.startsWith('plan') ? ['plan'] : [], wallMs: seconds * 1000, lastLine: `${name} done` });
    const text = formatChangeAwareCi({
      stacks: 306,
      planAllStacks: 303,
      changeAware: [step('synth base', 3), step('synth head', 3), step('check', 2), step('plan --changed', 20), step('diff --markdown', 1)],
      planAll: [step('check', 2), step('synth head', 3), step('plan everything', 10)],
      planAllSampled: { planned: 8, of: 303 },
      markdown: '## paved diff\n\n- one\n',
    }, 100, 'database-size');
    expect(text).toContain('| plan everything |  | 10.00 s (8 of 303 stacks planned; extrapolated: 380.00 s) |\n');
    expect(text).toContain('| end to end | 29.00 s | 385.00 s (extrapolated) |\n');
    expect(text).toContain('diff --markdown: 3 lines, 21 bytes\n');
    expect(text).toContain('plan everything / change-aware: 13.3x\n');
    expect(text).toMatch(/plan everything: 1\.25 s a stack \(303 stacks, 4 at once\); the issue's yardstick: about 2 s a stack, so this machine ran at 1\.59x the issue's speed; the change-aware path at the issue's speed \(scaled by it\): 46\.25 s\n$/);
  });
});

describeWithTerraform('the change-aware CI benchmark, end to end', () => {
  test('runs every step as a child process: the changed stacks planned, the comment written', () => {
    const figures = changeAwareCi({ workdir: tempDir(), services: 1, change: 'database-size', planAllSample: 1 });
    for (const step of [...figures.changeAware, ...figures.planAll]) {
      expect([step.name, typeof step.wallMs]).toEqual([step.name, 'number']);
    }
    // The database size changes the service's stack in each of the three environments.
    expect(figures.changeAware.find((s) => s.name === 'plan --changed')!.lastLine).toMatch(/^plan: 3 stacks, 3 ok, 0 failed/);
    expect(figures.markdown).toMatch(/^\*\*paved diff\*\*: /);
    const planAll = figures.planAll.find((s) => s.name === 'plan everything')!;
    expect(planAll.lastLine).toMatch(/^plan: 1 stacks, 1 ok, 0 failed/);
    // One service in three environments: a platform and a service stack each (the Argo CD bootstrap does not plan offline).
    expect(figures).toMatchObject({ stacks: 9, planAllSampled: { planned: 1, of: 6 } });
  }, 5 * TERRAFORM_TIMEOUT_MS);
});
