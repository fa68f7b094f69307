/**
 * How a byte-level token is shown to the reader: the one place this convention lives. GPT-2's
 * tokens are byte strings; most carry a leading space ("␣world" is a different token from
 * "world"), some are runs of whitespace, and some hold only part of a character (an emoji is split
 * over two or three tokens). A piece shows its text with whitespace made visible, and bytes that
 * are no whole character as <0xF0>, the notation SentencePiece uses for byte tokens.
 */

const VISIBLE: Readonly<Record<string, string>> = {
  ' ': '␣',
  '\n': '↵',
  '\t': '⇥',
  '\r': '␍',
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes in the UTF-8 sequence this lead byte starts (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >> 5 === 0b110) return 2;
  if (lead >> 4 === 0b1110) return 3;
  if (lead >> 3 === 0b11110) return 4;
  return 0;
}

/** The text these bytes encode, or null if they are not well-formed UTF-8. */
function utf8Text(bytes: Uint8Array): string | null {
  // Most of GPT-2's tokens are ASCII, and a TextDecoder call costs microseconds each.
  let ascii = '';
  for (const b of bytes) {
    if (b >= 0x80) return decodeStrict(bytes);
    ascii += String.fromCharCode(b);
  }
  return ascii;
}

function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

const byteName = (b: number): string => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;

/** Spaces and ASCII control characters (one byte each) made visible. */
const visible = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  text.replace(/[\x00-\x20\x7f]/g, (c) => VISIBLE[c] ?? byteName(c.charCodeAt(0)));

export function showPiece(bytes: Uint8Array): string {
  // Almost every token is whole characters: one decode (the vocabulary has 50,257 of them).
  const whole = utf8Text(bytes);
  if (whole !== null) return visible(whole);
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes[i]);
    const c = n > 0 && i + n <= bytes.length ? utf8Text(bytes.subarray(i, i + n)) : null;
    if (c === null) {
      out += byteName(bytes[i]);
      i += 1;
      continue;
    }
    out += visible(c);
    i += n;
  }
  return out;
}
