/** Seeded pseudo-random text, so every run measures the same inputs without committing them. */

/** mulberry32: a tiny, fast, good-enough 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RandomText {
  private readonly rand: () => number;
  private readonly vocabulary: string[];

  constructor(seed: number, vocabularySize = 4000) {
    this.rand = mulberry32(seed);
    const syllables = [
      'ka',
      'lo',
      'mi',
      're',
      'tan',
      'sul',
      'ver',
      'qi',
      'on',
      'dar',
      'el',
      'bra',
      'it',
      'mon',
      'zu',
      'pe',
      'sha',
      'gor',
      'ni',
      'ast',
    ];
    const words = new Set<string>();
    while (words.size < vocabularySize) {
      const n = 1 + this.int(3);
      let w = '';
      for (let i = 0; i < n; i++) w += syllables[this.int(syllables.length)];
      words.add(w);
    }
    this.vocabulary = [...words];
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** Zipf-ish: short common words come up far more often, as in prose. */
  word(): string {
    const r = this.rand();
    return this.vocabulary[Math.floor(r * r * r * this.vocabulary.length)];
  }

  sentence(words = 8 + this.int(18)): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.word());
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    if (words > 10 && this.rand() < 0.4) out[4] += ',';
    return `${out.join(' ')}${this.pick(['.', '.', '.', '?', '!'])}`;
  }

  /** A paragraph of roughly `words` words. */
  paragraph(words: number): string {
    const out: string[] = [];
    let n = 0;
    while (n < words) {
      const k = Math.min(words - n, 8 + this.int(18));
      out.push(this.sentence(Math.max(3, k)));
      n += k;
    }
    return out.join(' ');
  }

  /** A UUID-shaped id from this generator (v4 layout), deterministic per seed. */
  uuid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => this.int(16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(4)]}${hex(3)}-${hex(12)}`;
  }
}
