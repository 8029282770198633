// TPC-H comment text (clause 4.2.2.10): a pool of sentences from the spec's grammar, from which each
// comment takes a substring of random length at a random offset, as the reference generator does.
import { Rng } from './random.js';
import { ADJECTIVES, ADVERBS, AUXILIARIES, NOUNS, PREPOSITIONS, TERMINATORS, VERBS } from './words.js';

const POOL_SIZE = 1 << 20;

function nounPhrase(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.pick(NOUNS);
    case 1:
      return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
    case 2:
      return `${rng.pick(ADJECTIVES)}, ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
    default:
      return `${rng.pick(ADVERBS)} ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  }
}

function verbPhrase(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.pick(VERBS);
    case 1:
      return `${rng.pick(AUXILIARIES)} ${rng.pick(VERBS)}`;
    case 2:
      return `${rng.pick(VERBS)} ${rng.pick(ADVERBS)}`;
    default:
      return `${rng.pick(AUXILIARIES)} ${rng.pick(VERBS)} ${rng.pick(ADVERBS)}`;
  }
}

function sentence(rng: Rng): string {
  const prep = () => `${rng.pick(PREPOSITIONS)} the ${nounPhrase(rng)}`;
  switch (rng.int(0, 4)) {
    case 0:
      return `${nounPhrase(rng)} ${verbPhrase(rng)}${rng.pick(TERMINATORS)}`;
    case 1:
      return `${nounPhrase(rng)} ${verbPhrase(rng)} ${prep()}${rng.pick(TERMINATORS)}`;
    case 2:
      return `${nounPhrase(rng)} ${verbPhrase(rng)} ${nounPhrase(rng)}${rng.pick(TERMINATORS)}`;
    case 3:
      return `${nounPhrase(rng)} ${prep()} ${verbPhrase(rng)} ${nounPhrase(rng)}${rng.pick(TERMINATORS)}`;
    default:
      return `${nounPhrase(rng)} ${prep()} ${verbPhrase(rng)} ${prep()}${rng.pick(TERMINATORS)}`;
  }
}

/** The shared text pool, built once per seed. */
export class TextPool {
  private readonly pool: string;

  constructor(seed: number) {
    const rng = new Rng(seed);
    const parts: string[] = [];
    let size = 0;
    while (size < POOL_SIZE) {
      const s = sentence(rng);
      parts.push(s);
      size += s.length + 1;
    }
    this.pool = parts.join(' ');
  }

  /** A comment of length uniform in [min, max]. */
  text(rng: Rng, min: number, max: number): string {
    const len = rng.int(min, max);
    const at = rng.int(0, this.pool.length - len - 1);
    return this.pool.slice(at, at + len).trim();
  }
}
