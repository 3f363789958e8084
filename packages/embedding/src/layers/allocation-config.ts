import { type Allocation, FormatError } from '@ksub/core';
import { decodeAllocation, encodeAllocation } from '@ksub/index-mapping';

/**
 * How a k-sub allocation is written in a layer config: lowercase hex of its allocation file (the
 * bytes of `@ksub/index-mapping`'s `encodeAllocation`, which a saved model's `allocation.ksub`
 * holds too, so a k-sub allocation has one encoding, checksum included).
 *
 * Why hex: `LayersModel.save` passes every string of a layer config through tfjs-layers'
 * `convertTsToPythonic` (snake_case: `_` before capitals, then lower-cased) and
 * `tf.loadLayersModel` through `convertPythonicToTs` (camelCase: `_x` → `X`). A string of digits
 * and lowercase letters without `_` is a fixed point of both; base64 is not (`S1NVQkFMTEM…`
 * came back as `s1nvQkFmtemb…`).
 *
 * Configs written before this (base64 of the same bytes, upper-case letters included) still load
 * when given to the layer directly; see {@link allocationFromConfig}.
 */
export function allocationToConfig(allocation: Allocation): string {
  return bytesToHex(encodeAllocation(allocation));
}

/** Hex of an allocation file: its 8-byte magic `KSUBALLC`. */
const HEX_MAGIC = '4b535542414c4c43';
/** Base64 of an allocation file starts with this (the magic's first 3 bytes, `KSU`). */
const BASE64_MAGIC = 'S1NV';

/**
 * Reads an allocation from its config string: the lowercase hex that {@link allocationToConfig}
 * writes, or the base64 of the same bytes that earlier versions wrote (told apart by the magic:
 * hex starts `4b53…`, base64 `S1NV…`). The allocation file's checksum is verified either way.
 *
 * @throws FormatError for a string that is neither, and, with the cause, for an old base64 config
 *   that went through a TF.js model save (its letter case is lost, so it cannot be recovered)
 */
export function allocationFromConfig(value: string, source: string): Allocation {
  if (value.startsWith(HEX_MAGIC)) return decodeAllocation(hexToBytes(value, source), source);
  if (value.startsWith(BASE64_MAGIC)) return decodeAllocation(base64ToBytes(value, source), source);
  if (value.startsWith(BASE64_MAGIC.toLowerCase()))
    throw new FormatError(
      `loadAllocation: ${source}: a base64 allocation lower-cased by a TF.js model save ` +
        `(written by an earlier version, whose layer config was not save-safe); its letter case is ` +
        `lost — save the model again from the original layer`,
    );
  throw new FormatError(
    `loadAllocation: ${source}: not an allocation (expected hex starting "${HEX_MAGIC}" or base64 ` +
      `starting "${BASE64_MAGIC}"); got ${JSON.stringify(value.slice(0, 16))}${value.length > 16 ? '…' : ''}`,
  );
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lowercase hex of bytes (plain string code: no `Buffer`, so it runs in browsers too). */
export function bytesToHex(bytes: Uint8Array): string {
  const pairs = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) pairs[i] = HEX_PAIRS[bytes[i] as number] as string;
  return pairs.join('');
}

/** The value of a hex digit's char code (either case), or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Bytes of a hex string; a FormatError names the first bad character. */
export function hexToBytes(hex: string, source = '<hex>'): Uint8Array {
  if (hex.length % 2 !== 0)
    throw new FormatError(`loadAllocation: ${source}: hex of odd length ${hex.length}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(hex.charCodeAt(2 * i));
    const lo = hexDigit(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? 2 * i : 2 * i + 1;
      throw new FormatError(
        `loadAllocation: ${source}: not hex: ${JSON.stringify(hex[at])} at character ${at}`,
      );
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) values[BASE64_ALPHABET.charCodeAt(i)] = i;
  return values;
})();

/**
 * Bytes of standard base64 (RFC 4648 §4, `=` padding optional), as `Buffer#toString('base64')`
 * writes it; a FormatError names the first bad character.
 */
export function base64ToBytes(text: string, source = '<base64>'): Uint8Array {
  const body = text.replace(/={1,2}$/, '');
  if (body.length % 4 === 1)
    throw new FormatError(`loadAllocation: ${source}: base64 of impossible length ${text.length}`);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let buffered = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? (BASE64_VALUES[c] as number) : -1;
    if (v < 0)
      throw new FormatError(
        `loadAllocation: ${source}: not base64: ${JSON.stringify(body[i])} at character ${i}`,
      );
    bits = (bits << 6) | v;
    buffered += 6;
    if (buffered >= 8) {
      buffered -= 8;
      out[o++] = (bits >> buffered) & 0xff;
      bits &= (1 << buffered) - 1;
    }
  }
  return out;
}
