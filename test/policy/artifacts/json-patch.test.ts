import { applyJsonPatch } from '../../../src/policy/artifacts/json-patch';
import { strategicMerge } from '../../../src/policy/artifacts/strategic-merge';

describe('applyJsonPatch', () => {
  const document = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };

  test('adds, replaces, removes, copies, moves and tests on a copy', () => {
    const result = applyJsonPatch(document, [
      { op: 'add', path: '/spec/containers/-', value: { name: 'c' } },
      { op: 'replace', path: '/spec/containers/0/name', value: 'z' },
      { op: 'remove', path: '/spec/containers/1' },
      { op: 'copy', from: '/spec/containers/0', path: '/spec/first' },
      { op: 'move', from: '/spec/first', path: '/first' },
      { op: 'test', path: '/first/name', value: 'z' },
      { op: 'add', path: '/metadata/annotations/a~1b', value: 'x' },
    ]);
    expect(result).toEqual({ spec: { containers: [{ name: 'z' }, { name: 'c' }] }, first: { name: 'z' }, metadata: { annotations: { 'a/b': 'x' } } });
    expect(document.spec.containers).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  test.each([
    [{ op: 'replace', path: '/spec/nothing', value: 1 }, 'operation 1 (replace /spec/nothing) replaces "nothing", which does not exist'],
    [{ op: 'remove', path: '/spec/containers/5' }, 'operation 1 (remove /spec/containers/5) names "5", which does not exist'],
    [{ op: 'test', path: '/spec/containers/0/name', value: 'b' }, 'operation 1 (test /spec/containers/0/name) fails its test'],
    [{ op: 'merge', path: '/spec' }, 'operation 1 (merge /spec) is not an RFC 6902 operation'],
    [{ op: 'add', path: 'spec', value: 1 }, 'operation 1 (add spec) has a path that is not a JSON pointer'],
  ])('fails on %j', (operation, message) => {
    expect(() => applyJsonPatch(document, [operation])).toThrow(message);
  });
});

describe('strategicMerge', () => {
  test('merges containers by name, env by name and mounts by path; replaces other lists; null deletes', () => {
    const base = {
      spec: {
        containers: [{ name: 'app', image: 'a', env: [{ name: 'A', value: '1' }], volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }], args: ['x'] }],
        tolerations: [{ key: 'a' }],
        hostNetwork: false,
      },
    };
    expect(strategicMerge(base, {
      spec: {
        containers: [{ name: 'app', env: [{ name: 'B', value: '2' }], volumeMounts: [{ mountPath: '/tmp', readOnly: true }], args: ['y'] }, { name: 'side', image: 's' }],
        tolerations: [{ key: 'b' }],
        hostNetwork: null,
      },
    })).toEqual({
      spec: {
        containers: [
          { name: 'app', image: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], volumeMounts: [{ mountPath: '/tmp', name: 'tmp', readOnly: true }], args: ['y'] },
          { name: 'side', image: 's' },
        ],
        tolerations: [{ key: 'b' }],
      },
    });
  });

  test('fails on a directive it does not apply', () => {
    expect(() => strategicMerge({ spec: { containers: [] } }, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } })).toThrow('uses the directive $patch');
  });
});
