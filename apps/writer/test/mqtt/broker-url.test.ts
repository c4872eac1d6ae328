import { describe, expect, it } from 'vitest';
import type { MqttConfig } from '@meshview/config';
import { brokerUrl } from '../../src/mqtt/mqtt-source.js';

/** `[mqtt]` as the config package gives it, with the keys brokerUrl reads set by the test. */
const config = (keys: Partial<MqttConfig>): MqttConfig => ({
  server: 'embedded',
  topics: ['msh/#'],
  port: 1883,
  bind: '*',
  allowAnonymousSubscribe: false,
  username: null,
  password: null,
  skipNodeIds: [],
  secondaryKeys: [],
  clientId: null,
  qos: 0,
  cleanSession: true,
  keepalive: 60,
  caFile: null,
  tls: false,
  rateLimitPerNode: 0,
  rateLimitWindowS: 60,
  ...keys,
});

describe('brokerUrl', () => {
  it('builds mqtt://host:port from a host name, as MeshView configures it', () => {
    expect(brokerUrl(config({ server: 'mqtt.meshtastic.org' }))).toBe(
      'mqtt://mqtt.meshtastic.org:1883',
    );
    expect(brokerUrl(config({ server: '127.0.0.1', port: 1884 }))).toBe('mqtt://127.0.0.1:1884');
  });

  it('turns TLS on for a host name with tls = true', () => {
    expect(brokerUrl(config({ server: '127.0.0.1', port: 8883, tls: true }))).toBe(
      'mqtts://127.0.0.1:8883',
    );
  });

  it('brackets an IPv6 address', () => {
    expect(brokerUrl(config({ server: '::1' }))).toBe('mqtt://[::1]:1883');
  });

  it('takes a URL as it is, with the port it names', () => {
    expect(brokerUrl(config({ server: 'mqtts://127.0.0.1:8884' }))).toBe('mqtts://127.0.0.1:8884');
    expect(brokerUrl(config({ server: 'mqtt://broker:1885', port: 9999 }))).toBe(
      'mqtt://broker:1885',
    );
  });

  it('turns mqtt:// into mqtts:// with tls = true', () => {
    expect(brokerUrl(config({ server: 'mqtt://broker:1883', tls: true }))).toBe(
      'mqtts://broker:1883',
    );
  });

  it('gives a URL without a port [mqtt] port', () => {
    expect(brokerUrl(config({ server: 'mqtt://broker', port: 1999 }))).toBe('mqtt://broker:1999');
  });

  it('brackets a bracketed IPv6 address once', () => {
    expect(brokerUrl(config({ server: '[::1]' }))).toBe('mqtt://[::1]:1883');
  });

  it('sends mqtts:// without a port to 8883, not the default [mqtt] port', () => {
    expect(brokerUrl(config({ server: 'mqtts://broker.example.com' }))).toBe(
      'mqtts://broker.example.com:8883',
    );
  });

  it('sends wss:// without a port to 443', () => {
    expect(brokerUrl(config({ server: 'wss://broker.example.com/mqtt' }))).toBe(
      'wss://broker.example.com/mqtt', // 443, the scheme's default, is left out of a wss: URL
    );
  });

  it('turns ws:// into wss:// when tls = true', () => {
    expect(brokerUrl(config({ server: 'ws://broker:8080/mqtt', tls: true }))).toBe(
      'wss://broker:8080/mqtt',
    );
  });
});
