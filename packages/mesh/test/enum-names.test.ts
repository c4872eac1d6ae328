import { describe, expect, it } from 'vitest';
import { hwModelName, hwModelNumber, portName, roleName } from '../src/index.js';

describe('enum names as MeshView stores them', () => {
  it('names hardware models', () => {
    expect(hwModelName(9)).toBe('RAK4631');
    expect(hwModelName(43)).toBe('HELTEC_V3');
    expect(hwModelName(0)).toBe('UNSET');
    expect(hwModelName(1000)).toBe('unknown(1000)');
  });

  it('reads a hardware model name back as its number', () => {
    expect(hwModelNumber('HELTEC_V3')).toBe(43);
    expect(hwModelNumber('UNSET')).toBe(0);
    expect(hwModelNumber('unknown(1000)')).toBe(1000);
    expect(hwModelNumber('NOT_A_MODEL')).toBeNull();
  });

  it('names roles', () => {
    expect(roleName(0)).toBe('CLIENT');
    expect(roleName(1)).toBe('CLIENT_MUTE');
    expect(roleName(2)).toBe('ROUTER');
    expect(roleName(42)).toBe('unknown(42)');
  });

  it('names ports', () => {
    expect(portName(1)).toBe('TEXT_MESSAGE_APP');
    expect(portName(73)).toBe('MAP_REPORT_APP');
    expect(portName(0)).toBe('UNKNOWN_APP');
    expect(portName(300)).toBe('unknown(300)');
  });
});
