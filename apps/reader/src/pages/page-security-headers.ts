/**
 * The headers every page (the app's `index.html`) is answered with: a Content-Security-Policy
 * that lets the page load only the reader's own scripts, styles, fonts and data, and images from
 * the reader, `data:`/`blob:` URLs (QR codes, chart exports) and the map's tile servers
 * (`[site] map_tile_url` and each of `map_tile_urls`); nothing from a CDN. `style` attributes are allowed (`'unsafe-inline'`,
 * which `style-src-elem` narrows to attributes where browsers support it): ECharts writes its
 * tooltips and legends as HTML with `style` attributes, and Chromium reports each one otherwise
 * (checked with Leaflet 1.9 markers, popups, tooltips and tiles and ECharts 6 on canvas and SVG).
 * Scripts and `<style>` elements come only from the reader.
 */
export function pageSecurityHeaders(
  mapTileUrls: readonly string[],
): Readonly<Record<string, string>> {
  const sources = new Set<string>();
  for (const url of mapTileUrls) {
    const source = tileSource(url);
    if (source !== null) sources.add(source);
  }
  const tiles = sources.size === 0 ? null : [...sources].join(' ');
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "style-src-elem 'self'",
    `img-src 'self' data: blob:${tiles === null ? '' : ` ${tiles}`}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  return {
    'content-security-policy': policy,
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * The CSP source of a tile URL template's server: `https://tile.openstreetmap.org`, or
 * `https://*.tile.example.org` for a `{s}` subdomain, `https:` for a host with a placeholder
 * elsewhere; `null` when the template is a path on the reader itself (covered by `'self'`).
 *
 * @example
 * tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png') // 'https://*.tile.example.org'
 */
export function tileSource(template: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template.trim());
  if (match === null) return null;
  const [, scheme, authority] = match as unknown as [string, string, string];
  // Placeholders ({s}, {r}, …) in the host become wildcard labels; a port stays.
  const host = authority
    .replace(/^[^@]*@/, '')
    .split('.')
    .map((label) => (/[{}]/.test(label) ? '*' : label))
    .join('.');
  const expressible =
    /^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d+)?$/i.test(host) ||
    /^\[[0-9a-f:.]+\](?::\d+)?$/i.test(host);
  // A host a CSP cannot name (a placeholder inside it): any server of that scheme.
  if (!expressible) return `${scheme.toLowerCase()}:`;
  return `${scheme.toLowerCase()}://${host.toLowerCase()}`;
}
