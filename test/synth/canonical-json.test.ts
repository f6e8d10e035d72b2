import { canonicalJson } from '../../src/synth/canonical-json';
import { sortedKeys } from '../../src/util/sorted-keys';

/** Objects with 0 to 40 keys (both sides of the insertion-sort limit), in scrambled order. */
function objects(): Record<string, number>[] {
  const words = ['metadata', 'b', 'a', 'Z', 'z', '10', '2', '0', 'ä', 'é', 'apiVersion', 'kind', 'a-b', 'a_b', 'A', '', ' ', '$', '~', '😀'];
  return Array.from({ length: 41 }, (_, size) => Object.fromEntries(
    Array.from({ length: size }, (__, i) => [`${words[(i * 7 + size) % words.length]}${Math.floor(i / words.length) || ''}`, i]),
  ));
}

describe('sortedKeys', () => {
  test.each(objects().map((object) => [Object.keys(object).length, object]))('orders %i keys as Object.keys(...).sort() does', (_, object) => {
    expect(sortedKeys(object)).toEqual(Object.keys(object).sort());
  });
});

describe('canonicalJson', () => {
  test('sorts keys at every level, keeps list order, indents by two, ends with a newline', () => {
    expect(canonicalJson({ b: [{ d: 1, c: null }, 'x'], a: { z: true, y: {} } }))
      .toBe('{\n  "a": {\n    "y": {},\n    "z": true\n  },\n  "b": [\n    {\n      "c": null,\n      "d": 1\n    },\n    "x"\n  ]\n}\n');
  });

  test('writes the same bytes as a plain sort of each object\'s keys, whatever the keys', () => {
    const reference = (value: unknown): unknown => (Array.isArray(value)
      ? value.map(reference)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, reference((value as Record<string, unknown>)[key])]))
        : value);
    const nested = { list: objects(), ...objects()[40], deep: { ...objects()[17], inner: objects()[3] } };
    expect(canonicalJson(nested)).toBe(`${JSON.stringify(reference(nested), undefined, 2)}\n`);
  });

  test('keeps a key named __proto__ as a key', () => {
    expect(canonicalJson(JSON.parse('{"b": 1, "__proto__": {"x": 1}}'))).toBe('{\n  "__proto__": {\n    "x": 1\n  },\n  "b": 1\n}\n');
  });
});
