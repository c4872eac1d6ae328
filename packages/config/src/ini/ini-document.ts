/** One `key = value` line of an INI file, with its continuation lines. */
export interface IniEntry {
  /** The key as configparser stores it: stripped and lowercased. */
  readonly key: string;
  /** The value, stripped; continuation lines are joined with `\n`. */
  readonly value: string;
  /** The 1-based line number of the key. */
  readonly line: number;
}

/** One `[section]` of an INI file; section names are case-sensitive. */
export interface IniSection {
  readonly name: string;
  /** The 1-based line number of the header. */
  readonly line: number;
  /** Entries by lowercased key, in file order. */
  readonly entries: ReadonlyMap<string, IniEntry>;
}

/** A parsed INI file, as configparser sees it. */
export interface IniDocument {
  /** The name used in messages, usually the path as the user gave it. */
  readonly fileName: string;
  /** Entries of the special `[DEFAULT]` section, which configparser lends to every section. */
  readonly defaults: ReadonlyMap<string, IniEntry>;
  /** Sections by name, in file order (without `[DEFAULT]`). */
  readonly sections: ReadonlyMap<string, IniSection>;
}
