/** A parameter's schema as the OpenAPI document gives it. */
export interface ParameterSchema {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly 'x-meshview-integer'?: {
    readonly base: 0 | 10;
    readonly minimum?: number;
    readonly maximum?: number;
    readonly clamp?: boolean;
  };
}

/** Values that are hostile whatever the parameter: each must never cause a 5xx. */
export const HOSTILE_VALUES: readonly string[] = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '%00',
  "' OR '1'='1",
  '1; DROP TABLE packet; --',
  '1) UNION SELECT password FROM users --',
  '"; SET default_transaction_read_only = off; --',
  '\\',
  '%',
  '%%',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'true',
  '-1',
  '0',
  '1.5',
  '1e309',
  '9'.repeat(400),
  '-' + '9'.repeat(400),
  'x'.repeat(5000),
  '😀'.repeat(50),
  '\ud800',
  'ｅｎ',
  '١٢٣',
  '\u202e1',
];

// Characters that can appear in no integer, in either base.
const POISON = [
  ...'.,;:\'"()[]{}<>!?@#$&*/\\|`~=^%ghijklmnpqrstuvwyzGHIJKLMNPQRSTUVWYZ€é漢😀\u0000\u0001\u001f\u007f',
];
const FILLER = [...'0123456789abcdefxob_+- '];

/**
 * A few hundred values `schema` must refuse with 400, from fixed cases for its kind (integer,
 * enum, constrained text) and random ones that cannot be valid. Values a route might accept
 * (free text) are not here; they go through {@link HOSTILE_VALUES}, which must only never 5xx.
 */
export function invalidValues(
  schema: ParameterSchema,
  random: () => number,
  count = 200,
): string[] {
  const values = new Set<string>();
  const rule = schema['x-meshview-integer'];
  if (rule) {
    for (const v of [
      '',
      ' ',
      '\t',
      'abc',
      'one',
      '0x',
      '0xg1',
      '0b2',
      '0o8',
      '1.5',
      '1.0',
      '.5',
      '1e3',
      '1E3',
      '1,000',
      '--1',
      '+-1',
      '1 2',
      '1_',
      '_1',
      '1__0',
      'NaN',
      'Infinity',
      '-Infinity',
      'null',
      'true',
      '[]',
      '{}',
      '١٢٣',
      '１２',
      '1\u0000',
      '\u00001',
      "1' OR '1'='1",
      '1; DROP TABLE packet',
      '1)--',
      'x'.repeat(5000),
      '0x' + 'g'.repeat(100),
      '%',
      '\\x41',
      '0X',
      '0b',
      '0o',
      '1n',
      '1L',
    ]) {
      values.add(v);
    }
    if (rule.base === 10) for (const v of ['0x10', '0b1', '0o7', '0X1F']) values.add(v);
    else for (const v of ['010', '00x1', '0_x1', '0777']) values.add(v);
    if (!rule.clamp) {
      if (rule.minimum !== undefined) {
        values.add(String(rule.minimum - 1));
        values.add('-' + '9'.repeat(40));
      }
      if (rule.maximum !== undefined) values.add(String(rule.maximum + 1));
      values.add('9'.repeat(40));
    }
    while (values.size < count) values.add(randomNonInteger(random));
    return [...values];
  }
  if (schema.enum) {
    const allowed = new Set(schema.enum);
    const base = schema.enum.flatMap((v) => [
      v.toUpperCase(),
      ` ${v}`,
      `${v} `,
      `${v}\u0000`,
      `${v}x`,
      v.slice(1),
      `${v},${v}`,
    ]);
    for (const v of ['', ' ', 'x', "' OR 1=1 --", 'x'.repeat(5000), '😀', ...base]) {
      if (!allowed.has(v)) values.add(v);
    }
    while (values.size < count) {
      const v = randomText(random, 1 + Math.floor(random() * 30));
      if (!allowed.has(v)) values.add(v);
    }
    return [...values];
  }
  if (schema.type === 'string' && (schema.pattern || schema.maxLength !== undefined)) {
    const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
    const invalid = (v: string) =>
      (pattern !== undefined && !pattern.test(v)) ||
      (schema.maxLength !== undefined && [...v].length > schema.maxLength) ||
      (schema.minLength !== undefined && [...v].length < schema.minLength);
    const candidates = [
      '\u0000',
      'a\u0000',
      '\u0001',
      'a\nb',
      '\u001f',
      '\u007f',
      '../x',
      '..',
      '/',
      'a/b',
      '\\',
      '%00',
      ' ',
      '',
      "'",
      '😀',
      'x'.repeat((schema.maxLength ?? 300) + 1),
      'x'.repeat(5000),
    ];
    for (const v of candidates) if (invalid(v)) values.add(v);
    // Random text with a control character (or past the length) until enough are invalid.
    for (let tries = 0; values.size < count && tries < count * 20; tries += 1) {
      const v = randomText(random, 1 + Math.floor(random() * 40));
      const cut = Math.floor(random() * (v.length + 1));
      const poisoned = `${v.slice(0, cut)}${String.fromCharCode(Math.floor(random() * 32))}${v.slice(cut)}`;
      if (invalid(poisoned)) values.add(poisoned);
      if (invalid(v)) values.add(v);
    }
    return [...values];
  }
  return [];
}

function randomNonInteger(random: () => number): string {
  const length = 1 + Math.floor(random() * 20);
  const chars = Array.from({ length }, () => FILLER[Math.floor(random() * FILLER.length)]!);
  chars.splice(
    Math.floor(random() * (length + 1)),
    0,
    POISON[Math.floor(random() * POISON.length)]!,
  );
  return chars.join('');
}

function randomText(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const pick = random();
    if (pick < 0.6) text += String.fromCharCode(0x20 + Math.floor(random() * 95));
    else if (pick < 0.8) text += String.fromCharCode(0xa0 + Math.floor(random() * 0x2000));
    else if (pick < 0.9) text += String.fromCodePoint(0x1f600 + Math.floor(random() * 80));
    else text += String.fromCharCode(Math.floor(random() * 32));
  }
  return text;
}
