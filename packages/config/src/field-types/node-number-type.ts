import { accept, reject, type FieldType } from './field-type.js';

const DECIMAL = /^(?:0|[1-9]\d*)$/;
const HEX = /^0x[0-9a-f]+$/i;
const BANG_HEX = /^![0-9a-f]{1,8}$/i;
const MAX_NODE_NUMBER = 0xffff_ffff;

/**
 * A Meshtastic node number: decimal or `0x` hex, as MeshView's `int(value, 0)` reads it, and
 * also the `!a1b2c3d4` form Meshtastic shows (our addition).
 */
export function nodeNumberType(): FieldType<number> {
  return {
    expected: 'a node number (decimal, 0x… or !…)',
    acceptsEmpty: false,
    parse(text) {
      const value = DECIMAL.test(text)
        ? Number(text)
        : HEX.test(text)
          ? Number.parseInt(text.slice(2), 16)
          : BANG_HEX.test(text)
            ? Number.parseInt(text.slice(1), 16)
            : Number.NaN;
      return value >= 0 && value <= MAX_NODE_NUMBER ? accept(value) : reject();
    },
  };
}
