import { describe, expect, it } from 'vitest';
import { pageSecurityHeaders, tileSource } from '../../src/pages/page-security-headers.js';

describe('tileSource', () => {
  it("names the tile server's origin, a {s} subdomain as a wildcard", () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
      'https://tile.openstreetmap.org',
    );
    expect(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.example.org',
    );
    expect(tileSource('HTTP://Tiles.Example:8080/{z}/{x}/{y}.png?key=k')).toBe(
      'http://tiles.example:8080',
    );
    expect(tileSource('https://user:pw@tiles.example/{z}')).toBe('https://tiles.example');
    expect(tileSource('http://[::1]:8000/{z}/{x}/{y}.png')).toBe('http://[::1]:8000');
  });

  it('falls back to the scheme for a host a policy cannot name, and to none for a path on the reader', () => {
    expect(tileSource('https://tiles.{s}.example/{z}/{x}/{y}.png')).toBe('https:');
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileSource('tiles/{z}/{x}/{y}.png')).toBeNull();
  });
});

describe('pageSecurityHeaders', () => {
  it('allows images from the tile server and nothing else from elsewhere', () => {
    const headers = pageSecurityHeaders(['https://{s}.tile.example.org/{z}/{x}/{y}.png']);
    const policy = headers['content-security-policy']!;
    expect(policy).toContain("img-src 'self' data: blob: https://*.tile.example.org;");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self';");
    expect(pageSecurityHeaders(['/tiles/{z}/{x}/{y}.png'])['content-security-policy']).toContain(
      "img-src 'self' data: blob:;",
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('allows images from every base map server, each once', () => {
    const policy = pageSecurityHeaders([
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png',
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png?style=2',
      'http://127.0.0.1:8080/{z}/{x}/{y}.png',
    ])['content-security-policy']!;
    expect(policy).toContain(
      "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tile.opentopomap.org " +
        'http://127.0.0.1:8080;',
    );
  });
});
