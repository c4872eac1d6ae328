import { PortNum } from '../port-num.js';
import type { PayloadDecoder } from './payload-decoder.js';

// Fatal: a payload that is not UTF-8 is not a text message we can show (its bytes stay stored).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** TEXT_MESSAGE_APP: the payload is UTF-8 text; the value is the string. */
export const textMessageDecoder: PayloadDecoder<string> = {
  portnum: PortNum.TEXT_MESSAGE_APP,
  parse: (payload) => utf8.decode(payload),
  toValue: (text) => text,
};
