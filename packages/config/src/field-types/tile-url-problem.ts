/**
 * What is wrong with a map tile URL template, or undefined when Leaflet can load tiles from it:
 * an absolute http(s) URL whose text has the `{z}`, `{x}` and `{y}` placeholders.
 *
 * @example tileUrlProblem('https://tile.example.org/{z}/{x}.png') // 'it has no {y}'
 */
export function tileUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    // Placeholders in the host ({s}.tile…) are no valid host name: parse with a stand-in.
    parsed = new URL(url.replace(/\{[a-z]+\}/gi, 'x'));
  } catch {
    return `${JSON.stringify(url)} is not an absolute URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `${JSON.stringify(url)} is not an http or https URL`;
  }
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !url.includes(p));
  if (missing.length > 0) return `${JSON.stringify(url)} has no ${missing.join(', ')}`;
  return undefined;
}
