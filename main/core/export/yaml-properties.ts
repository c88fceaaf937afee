/**
 * An article's properties (Markdown front matter) as YAML, byte for byte what
 * `yaml`'s stringify(…, { lineWidth: 0 }) writes, without building a YAML
 * document per article: that cost 0.4 ms an article, half of a library
 * export's time. Values that `yaml` writes as plain scalars (most titles,
 * names, dates and addresses) are written here directly; anything else — a
 * value it would quote, fold or escape — sends the whole block to `yaml`, so
 * the rules that decide quoting stay the library's own.
 * tests/unit/core/export/yaml-properties.test.ts compares both on hostile values.
 */
import { Document, stringify } from 'yaml';

/** What an article's properties hold: strings, and string lists (tags). */
export type Properties = Record<string, string | readonly string[]>;

/**
 * Whether `value` is certainly written plain by `yaml` as a block-map value
 * or a block-sequence item (stringifyString.js, plainString): printable, one
 * line, not starting with an indicator or a dot, no ": " or " #", not ending
 * in a space or ":", and not read back as a null, bool or number.
 * Conservative: some strings `yaml` writes plain are refused here, never the reverse.
 */
const UNSAFE =
  /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]|^[\s,[\]{}#&*!|>'"%@`?:.-]|: |\s#|[\s:]$/u;

let otherTypes: RegExp[] | undefined;
/** The schema's own tests for scalars that are not strings (yaml 1.2 core: null, bool, int, float). */
function nonStringTests(): RegExp[] {
  otherTypes ??= new Document().schema.tags.flatMap((tag) =>
    tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test ? [tag.test] : [],
  );
  return otherTypes;
}

function isPlain(value: string): boolean {
  return value !== '' && !UNSAFE.test(value) && !nonStringTests().some((t) => t.test(value));
}

/** `key: value` lines (lists as `  - item`), as `yaml` writes them with lineWidth 0. */
export function propertiesYaml(properties: Properties): string {
  let out = '';
  for (const key in properties) {
    const value = properties[key];
    if (typeof value === 'string') {
      if (!isPlain(value)) return stringify(properties, { lineWidth: 0 });
      out += `${key}: ${value}\n`;
    } else {
      if (value.length === 0 || !value.every(isPlain)) return stringify(properties, { lineWidth: 0 });
      out += `${key}:\n`;
      for (const item of value) out += `  - ${item}\n`;
    }
  }
  return out === '' ? stringify(properties, { lineWidth: 0 }) : out;
}
