import { describe, expect, it } from 'vitest';
import { showPiece } from './tokenPiece';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('showPiece', () => {
  it('shows a leading space, newlines and tabs as visible marks', () => {
    expect(showPiece(utf8(' world'))).toBe('␣world');
    expect(showPiece(utf8('  '))).toBe('␣␣');
    expect(showPiece(utf8('\n\n'))).toBe('↵↵');
    expect(showPiece(utf8('\t\r'))).toBe('⇥␍');
    expect(showPiece(utf8('hello'))).toBe('hello');
  });

  it('keeps whole characters of any length and names bytes that are part of one', () => {
    expect(showPiece(utf8(' héllo'))).toBe('␣héllo');
    expect(showPiece(utf8('日本'))).toBe('日本');
    expect(showPiece(utf8('🦜'))).toBe('🦜');
    // 🦜 is F0 9F A6 9C; GPT-2 splits it after " F0 9F".
    expect(showPiece(bytes(0x20, 0xf0, 0x9f))).toBe('␣<0xF0><0x9F>');
    expect(showPiece(bytes(0xa6))).toBe('<0xA6>');
    expect(showPiece(bytes(0x9c, 0x41))).toBe('<0x9C>A');
  });

  it('names malformed sequences and control characters byte by byte', () => {
    // An overlong "/" (C0 AF) and a lone surrogate (ED A0 80) are not characters.
    expect(showPiece(bytes(0xc0, 0xaf))).toBe('<0xC0><0xAF>');
    expect(showPiece(bytes(0xed, 0xa0, 0x80))).toBe('<0xED><0xA0><0x80>');
    expect(showPiece(bytes(0x00, 0x1b, 0x7f))).toBe('<0x00><0x1B><0x7F>');
    expect(showPiece(bytes())).toBe('');
  });
});
