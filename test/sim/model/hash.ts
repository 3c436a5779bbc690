/**
 * Deterministic hashing and pseudo-random numbers. Every generated value in the simulator is derived from
 * these functions so that the same seed always yields the same mailboxes, folders, items and MIME bytes,
 * independent of the order in which anything is read.
 */

/** FNV-1a over a string; used once per seed or name, never in hot loops. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3 finaliser: spreads the bits of a 32-bit value. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines integers into one well-mixed 32-bit hash (order-sensitive). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = fmix((h ^ (part >>> 0)) + 0x6d2b79f5);
  }
  return h;
}

/** A small, fast generator (mulberry32). Cheap to create, so each item gets its own. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next unsigned 32-bit value. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.next() * values.length)];
    if (value === undefined) throw new Error('Rng.pick on an empty list');
    return value;
  }
}

/** Fills a buffer with deterministic bytes; used for generated attachment content. */
export function fillDeterministic(target: Buffer, seed: number): Buffer {
  const rng = new Rng(seed);
  let i = 0;
  for (; i + 4 <= target.length; i += 4) target.writeUInt32LE(rng.nextUint32(), i);
  for (; i < target.length; i++) target[i] = rng.nextUint32() & 0xff;
  return target;
}

/** Formats 16 bytes derived from a hash as a lower-case GUID (RFC 4122 layout, version 4 bits set). */
export function guidFrom(seed: number): string {
  const rng = new Rng(seed);
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i += 4) bytes.writeUInt32LE(rng.nextUint32(), i);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
