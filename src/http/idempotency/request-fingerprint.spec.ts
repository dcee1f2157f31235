import type { Request } from 'express';
import { requestFingerprint } from './request-fingerprint';

const request = (method: string, originalUrl: string, body: unknown) => ({ method, originalUrl, body }) as Request;

describe('requestFingerprint', () => {
  it('is the same for one body whatever the order of its fields', () => {
    expect(requestFingerprint(request('POST', '/a', { x: 1, y: { p: 1, q: 2 } }))).toBe(requestFingerprint(request('POST', '/a', { y: { q: 2, p: 1 }, x: 1 })));
  });

  it('counts a missing body as an empty one', () => {
    expect(requestFingerprint(request('POST', '/a', undefined))).toBe(requestFingerprint(request('POST', '/a', {})));
  });

  it.each([
    ['another body', request('POST', '/a', { x: 2 })],
    ['another path', request('POST', '/b', { x: 1 })],
    ['another method', request('PUT', '/a', { x: 1 })],
  ])('differs for %s', (_, other) => {
    expect(requestFingerprint(other)).not.toBe(requestFingerprint(request('POST', '/a', { x: 1 })));
  });
});
