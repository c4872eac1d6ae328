import { CONFIG_SCHEMA } from './config-schema.js';
import { didYouMean } from './did-you-mean.js';
import type { IniDocument, IniEntry } from './ini/ini-document.js';
import { knownKeys } from './known-keys.js';

/**
 * Reports through `warn` what in `ini` will not be read: unknown sections, unknown keys
 * (`[DEFAULT]` keys that no section knows), and aliases set beside their key (`conversations`
 * beside `chat`). Messages name the file, section, key and line.
 */
export function warnUnknownKeys(ini: IniDocument, warn: (message: string) => void): void {
  const schema = CONFIG_SCHEMA as Readonly<Record<string, object>>;
  const file = ini.fileName;

  for (const section of ini.sections.values()) {
    const spec = schema[section.name];
    if (!spec) {
      warn(
        `${file}: unknown section [${section.name}] is ignored` +
          didYouMean(section.name, Object.keys(schema), (name) => `[${name}]`) +
          ` (line ${section.line})`,
      );
      continue;
    }
    warnEntries(section.name, section.entries, knownKeys(spec));
  }

  const everyKey = new Map(Object.values(schema).flatMap((spec) => [...knownKeys(spec)]));
  warnEntries('DEFAULT', ini.defaults, everyKey);

  function warnEntries(
    section: string,
    entries: ReadonlyMap<string, IniEntry>,
    keys: ReturnType<typeof knownKeys>,
  ): void {
    for (const entry of entries.values()) {
      const field = keys.get(entry.key);
      if (!field) {
        warn(
          `${file}: unknown key [${section}] ${entry.key} is ignored` +
            didYouMean(entry.key, keys.keys()) +
            ` (line ${entry.line})`,
        );
      } else if (field.key !== entry.key && entries.has(field.key)) {
        warn(
          `${file}: [${section}] ${entry.key} is ignored because ${field.key} is also set ` +
            `(line ${entry.line})`,
        );
      }
    }
  }
}
