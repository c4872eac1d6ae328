import { describe, expect, it } from 'vitest';
import { parseTopic } from '../src/index.js';

describe('parseTopic', () => {
  it.each([
    ['msh/2/e/LongFast/!abcd1234', 'msh'],
    ['msh/US/2/e/LongFast/!abcd1234', 'msh/US'],
    ['msh/US/CA/SacValley/2/e/LongFast/!abcd1234', 'msh/US/CA/SacValley'],
    ['a/b/c/d/e/f/g/2/e/LongFast/!abcd1234', 'a/b/c/d/e/f/g'],
  ])('reads %s from the right, whatever the number of root levels', (topic, root) => {
    expect(parseTopic(topic)).toEqual({
      kind: 'envelope',
      root,
      format: 'e',
      channel: 'LongFast',
      gateway: '!abcd1234',
    });
  });

  it('reads the old /2/c/ topic of firmware before 2.3', () => {
    expect(parseTopic('msh/EU_868/2/c/MediumFast/!00000001')).toEqual({
      kind: 'envelope',
      root: 'msh/EU_868',
      format: 'c',
      channel: 'MediumFast',
      gateway: '!00000001',
    });
  });

  it('reads the PKI channel', () => {
    expect(parseTopic('msh/US/bayarea/2/e/PKI/!abcd1234')).toMatchObject({
      kind: 'envelope',
      channel: 'PKI',
    });
  });

  it('is not fooled by root levels named like the kinds', () => {
    expect(parseTopic('2/e/msh/2/e/LongFast/!abcd1234')).toMatchObject({
      root: '2/e/msh',
      channel: 'LongFast',
    });
    expect(parseTopic('msh/2/map/2/e/map/!abcd1234')).toMatchObject({
      kind: 'envelope',
      channel: 'map',
    });
  });

  it('reads map topics with the trailing slash the firmware writes, and without', () => {
    expect(parseTopic('msh/US/2/map/')).toEqual({ kind: 'map', root: 'msh/US' });
    expect(parseTopic('msh/US/CA/Bay/2/map')).toEqual({ kind: 'map', root: 'msh/US/CA/Bay' });
  });

  it.each([
    'msh/US/2/json/LongFast/!abcd1234',
    'msh/US/CA/2/json/PKI/!abcd1234',
    'msh/2/json/mqtt/',
  ])('recognises the JSON topic %s', (topic) => {
    expect(parseTopic(topic).kind).toBe('json');
  });

  it.each([
    'msh/US/2/stat/!abcd1234',
    'msh/1/c/LongFast/!abcd1234',
    'msh/US/2/e/LongFast',
    'msh/US/2/map/extra/level',
    'msh/US',
    '',
    '/',
    'msh/US/2/x/LongFast/!abcd1234',
  ])('calls %j another topic', (topic) => {
    expect(parseTopic(topic)).toEqual({ kind: 'other' });
  });
});
