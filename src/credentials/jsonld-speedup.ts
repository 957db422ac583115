// jsonld.js deep-clones the whole active context (every term definition) each time a
// type-scoped context is entered or reverted. Open Badges 3.0 scopes a context to almost every
// type, so expanding one certificate cloned ~200 term definitions dozens of times: 8 ms per
// RDFC canonicalization, 70% of it in util.clone and the garbage collector.
//
// Term definitions are never mutated after createTermDefinition builds them (a redefinition
// replaces the Map entry), so a context clone may share them: the Map is copied, its values
// are not. Objects whose values are all primitives are copied shallowly, which is exact.
// tests/credentials/jsonld-speedup.test.ts checks canonical output against unpatched jsonld.
import jsonldUtil from 'jsonld/lib/util.js';

type Clone = (value: unknown) => unknown;
const util = jsonldUtil as { clone: Clone & { skillcredFast?: true } };

if (!util.clone.skillcredFast) {
  const deepClone = util.clone;
  const fastClone: Clone & { skillcredFast?: true } = (value) => {
    if (value instanceof Map) return new Map(value);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
      // One pass: copy while every value is a primitive; give up on the first nested one.
      const obj = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const key in obj) {
        const v = obj[key];
        if (v !== null && (typeof v === 'object' || typeof v === 'function')) return deepClone(value);
        copy[key] = v;
      }
      return copy;
    }
    return deepClone(value);
  };
  fastClone.skillcredFast = true;
  util.clone = fastClone;
}
