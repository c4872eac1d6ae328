import { IniSyntaxError } from '../errors.js';
import type { IniDocument, IniEntry, IniSection } from './ini-document.js';

// The patterns and rules below are those of Python's configparser with its defaults
// (delimiters `=` and `:`, comment prefixes `#` and `;` at the start of a line only, no inline
// comments, strict, empty lines allowed in values, default section `DEFAULT`).

/** configparser's SECTCRE: matched at the start of the stripped line, greedy up to the last `]`. */
const SECTION_HEADER = /^\[(.+)\]/;
/** configparser's OPTCRE: the first `=` or `:` splits key from value. */
const OPTION = /^(.*?)\s*[=:]\s*(.*)$/;
const COMMENT_PREFIXES = ['#', ';'] as const;
const DEFAULT_SECTION = 'DEFAULT';

interface EntryBuilder {
  readonly key: string;
  readonly line: number;
  readonly parts: string[];
}

interface SectionBuilder {
  readonly name: string;
  readonly line: number;
  readonly entries: Map<string, EntryBuilder>;
}

/**
 * Parses INI text the way Python's `configparser.ConfigParser()` does by default, except that
 * `%` is literal (no interpolation). Pure: `fileName` is only used in error messages.
 *
 * - `[section]` headers; section names are case-sensitive, keys are lowercased.
 * - `key = value` or `key: value`; the first `=` or `:` splits; keys and values are stripped.
 * - Lines whose first non-blank character is `#` or `;` are comments. A `#` or `;` inside a value
 *   is part of the value (MQTT topics such as `msh/US/#`).
 * - A line indented deeper than its key continues the value (joined with `\n`); blank lines
 *   inside a value are kept, trailing ones dropped.
 * - A key before any section, a line that is neither header, key nor comment, a repeated section
 *   or a repeated key in one section throws an {@link IniSyntaxError} naming file and line.
 *
 * @example
 * parseIni('[mqtt]\ntopics = ["msh/#"]\n', 'config.ini').sections.get('mqtt')?.entries.get('topics')?.value
 * // '["msh/#"]'
 */
export function parseIni(text: string, fileName: string): IniDocument {
  const defaults: SectionBuilder = { name: DEFAULT_SECTION, line: 0, entries: new Map() };
  const sections = new Map<string, SectionBuilder>();
  let section: SectionBuilder | undefined;
  let entry: EntryBuilder | undefined;
  let indentLevel = 0;

  // A leading byte-order mark (Windows editors) is not part of the first line.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const stripped = raw.trim();
    const isComment = COMMENT_PREFIXES.some((prefix) => stripped.startsWith(prefix));
    if (stripped === '' || isComment) {
      // configparser keeps a blank line inside a multi-line value (a comment line it skips).
      if (!isComment) entry?.parts.push('');
      return;
    }

    const indent = raw.search(/\S/);
    if (entry && indent > indentLevel) {
      entry.parts.push(stripped);
      return;
    }
    indentLevel = indent;

    const header = SECTION_HEADER.exec(stripped);
    if (header) {
      section = openSection(header[1] ?? '', line);
      entry = undefined;
      return;
    }
    if (!section) {
      throw new IniSyntaxError(
        'CONFIG_INI_NO_SECTION',
        fileName,
        line,
        `${JSON.stringify(stripped)} comes before any [section] header; put it under one`,
      );
    }
    entry = addEntry(section, stripped, line);
  });

  return Object.freeze({
    fileName,
    defaults: freezeEntries(defaults),
    sections: new Map(
      [...sections].map(([name, built]): [string, IniSection] => [
        name,
        Object.freeze({ name, line: built.line, entries: freezeEntries(built) }),
      ]),
    ),
  });

  function openSection(name: string, line: number): SectionBuilder {
    // As in configparser, [DEFAULT] may be reopened; any other section may not (strict mode).
    if (name === DEFAULT_SECTION) return defaults;
    const existing = sections.get(name);
    if (existing) {
      throw new IniSyntaxError(
        'CONFIG_INI_DUPLICATE_SECTION',
        fileName,
        line,
        `section [${name}] is repeated (first at line ${existing.line}); merge the two`,
      );
    }
    const created: SectionBuilder = { name, line, entries: new Map() };
    sections.set(name, created);
    return created;
  }

  function addEntry(into: SectionBuilder, stripped: string, line: number): EntryBuilder {
    const option = OPTION.exec(stripped);
    const key = option?.[1]?.trimEnd().toLowerCase();
    if (!option || !key) {
      throw new IniSyntaxError(
        'CONFIG_INI_SYNTAX',
        fileName,
        line,
        `${JSON.stringify(stripped)} is not a [section] header, a "key = value" line or a comment`,
      );
    }
    const existing = into.entries.get(key);
    if (existing) {
      throw new IniSyntaxError(
        'CONFIG_INI_DUPLICATE_KEY',
        fileName,
        line,
        `key ${key} in [${into.name}] is repeated (first at line ${existing.line}); keep one`,
      );
    }
    const created: EntryBuilder = { key, line, parts: [(option[2] ?? '').trim()] };
    into.entries.set(key, created);
    return created;
  }
}

function freezeEntries(section: SectionBuilder): ReadonlyMap<string, IniEntry> {
  return new Map(
    [...section.entries].map(([key, built]): [string, IniEntry] => [
      key,
      Object.freeze({ key, line: built.line, value: built.parts.join('\n').trimEnd() }),
    ]),
  );
}
