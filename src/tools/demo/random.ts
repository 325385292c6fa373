import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded source of randomness: the same seed gives the same demo history. */
export class SeededRandom {
  private readonly rng;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.int(0, 2 ** 30 - 1) / 2 ** 30;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Zipf-like: early items are much more common, as a few procedures carry most dossiers. */
  pickSkewed<T>(items: readonly T[]): T {
    const i = Math.floor(items.length * this.next() ** 3);
    return items[Math.min(i, items.length - 1)] as T;
  }
}
