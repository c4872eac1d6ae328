import { accept, reject, type FieldType } from './field-type.js';

const HOST = /^[\w.-]+$|^\[?[0-9a-f:.]+\]?$/i;
const URL_PROTOCOLS: ReadonlySet<string> = new Set([
  'mqtt:',
  'mqtts:',
  'tcp:',
  'tls:',
  'ssl:',
  'ws:',
  'wss:',
]);

/**
 * The MQTT broker: `embedded` (an in-process broker on `[mqtt] port`), a host name or address as
 * in MeshView, or a URL such as `mqtts://broker:8883` (our addition; `mqtts:` turns TLS on).
 */
export function mqttServerType(): FieldType<string> {
  return {
    expected: '"embedded", a host name or an mqtt://, mqtts://, ws:// or wss:// URL',
    acceptsEmpty: false,
    parse(text) {
      if (text.toLowerCase() === 'embedded') return accept('embedded');
      if (HOST.test(text)) return accept(text);
      if (!URL.canParse(text)) return reject();
      const url = new URL(text);
      return URL_PROTOCOLS.has(url.protocol) && url.hostname !== ''
        ? accept(text)
        : reject(`use one of ${[...URL_PROTOCOLS].map((p) => `${p}//`).join(', ')}`);
    },
  };
}
