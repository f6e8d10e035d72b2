import { join } from 'path';
import { BinaryEngine, ENGINE_GOGC } from '../../src';

const FAKE_ENGINE = join(__dirname, 'fake-engine');

describe('BinaryEngine', () => {
  const saved = process.env.GOGC;
  afterEach(() => {
    if (saved === undefined) {
      delete process.env.GOGC;
    } else {
      process.env.GOGC = saved;
    }
  });

  test('runs the engine with Go\'s garbage collector at ENGINE_GOGC, unless the environment sets GOGC', () => {
    delete process.env.GOGC;
    expect(new BinaryEngine({ binary: FAKE_ENGINE }).env.GOGC).toBe(ENGINE_GOGC);
    process.env.GOGC = '100';
    expect(new BinaryEngine({ binary: FAKE_ENGINE }).env.GOGC).toBe('100');
  });
});
