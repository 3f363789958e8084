import { createHash } from 'node:crypto';

/**
 * Deterministic split of an example by a hash of its key: `dev` for a fraction `devFraction` of
 * keys, else `train` — stable across runs, platforms and file order.
 */
export function splitByHash(key: string, devFraction: number): 'train' | 'dev' {
  const h = createHash('sha256').update(key).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < devFraction ? 'dev' : 'train';
}
