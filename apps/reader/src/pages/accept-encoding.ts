/** The content codings the reader keeps files in besides `identity`, in its order of preference. */
export const ENCODINGS = ['br', 'gzip'] as const;

/** A content coding the reader can answer with. */
export type Encoding = (typeof ENCODINGS)[number];

/**
 * The coding of `available` that an `Accept-Encoding` header prefers (highest `q`, then the
 * reader's order), or `identity` when it accepts none of them (RFC 9110 §12.5.3: `*` stands for
 * codings not named, `q=0` refuses).
 *
 * @example
 * chooseEncoding('gzip, deflate, br;q=0.9', ['br', 'gzip']) // 'gzip'
 */
export function chooseEncoding(
  header: string | undefined,
  available: readonly Encoding[],
): Encoding | 'identity' {
  if (header === undefined || available.length === 0) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((token) => token.trim());
    if (name === '') continue;
    const q = params.find((param) => /^q=/i.test(param));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.toLowerCase(), Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | 'identity' = 'identity';
  let bestWeight = 0;
  for (const encoding of ENCODINGS) {
    if (!available.includes(encoding)) continue;
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
