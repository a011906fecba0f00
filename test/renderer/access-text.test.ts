// The Access panel's words: a rotated token becomes a link on this page's origin when served over
// http(s) (the desktop app's file:// page gets the bare token), and each rotation says whom it cuts off.
import { describe, expect, it } from 'vitest';
import { accessLinkText, rotateWarning, tokenSinceText } from '../../src-renderer/features/access/access-text';
import { initialConnection, shownRole } from '../../src-renderer/stores/connection';

describe('access text', () => {
  it('makes a link on the served origin, the bare token elsewhere', () => {
    expect(accessLinkText('abc', { protocol: 'https:', origin: 'https://desk-7:8443' })).toBe('https://desk-7:8443/?token=abc');
    expect(accessLinkText('abc', { protocol: 'http:', origin: 'http://127.0.0.1:5173' })).toBe('http://127.0.0.1:5173/?token=abc');
    expect(accessLinkText('abc', { protocol: 'file:', origin: 'null' })).toBe('abc');
  });

  it('says whose sessions a rotation ends', () => {
    expect(rotateWarning('viewer', 'trader')).toMatch(/viewer session ends/);
    expect(rotateWarning('trader', 'trader')).toMatch(/trader session ends/);
  });

  it('dates a token in UTC', () => {
    expect(tokenSinceText({ id: 'viewer-1', role: 'viewer', createdAt: Date.UTC(2026, 10, 28, 9, 30) })).toBe('2026-11-28 09:30 UTC');
  });

  it('draws for a viewer until main says who this is', () => {
    expect(shownRole(initialConnection)).toBe('viewer');
    expect(shownRole({ ...initialConnection, principal: { role: 'trader', tokenId: 'desktop' } })).toBe('trader');
  });
});
