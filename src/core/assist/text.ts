// Word tokens for on-device matching (routing suggestions, similar escalations). English only, and
// deliberately light: a stem only has to make "invoice", "invoices" and "invoiced" the same term.

// Words that say something about a problem (down, off, again, …) are deliberately not here.
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    'a about after against all also am an and any are as at be because been before being',
    'between both but by can cannot could did do does doing done during each either else even',
    'ever every few for from get gets got had has have having he her here hers herself him',
    'himself his how however if in into is it its itself just let lets like may me might more',
    'most much must my myself neither no nor not now of on only or other others ought our ours',
    'ourselves own per please same shall she should since so some still such than that the',
    'their theirs them themselves then there these they this those though through thus to too',
    'until upon us very via was we were what when where whether which while who whom whose why',
    'will with within without would yet you your yours yourself yourselves dont doesnt didnt',
    'cant couldnt wont wouldnt isnt arent wasnt werent hasnt havent hadnt shouldnt im ive id',
    'youre youve weve theyre theyve thats whats theres',
  ]
    .join(' ')
    .split(' '),
);

const VOWEL = /[aeiouy]/;
const DOUBLE_CONSONANT = /([bcdfghjkmnpqrtvwx])\1$/;

/** A word's light stem: plural -s/-ies, -ing and -ed and a final -e removed ("charged" → "charg"). */
export function stemWord(word: string): string {
  let stem = word;
  if (stem.length <= 3) return stem;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);

  const suffix = stem.endsWith('ing') ? 3 : stem.endsWith('ed') && !stem.endsWith('eed') ? 2 : 0;
  if (suffix > 0 && stem.length - suffix >= 3 && VOWEL.test(stem.slice(0, -suffix))) {
    stem = stem.slice(0, -suffix);
    if (DOUBLE_CONSONANT.test(stem)) stem = stem.slice(0, -1);
  }
  // "charge", "charged" and "charging" all end up as "charg".
  if (stem.endsWith('e') && stem.length > 4) stem = stem.slice(0, -1);
  return stem;
}

/** The words of a text that matching looks at: lower case, no accents, stop words and numbers dropped. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // "customer's" is the customer; "don't" is a stop word once the apostrophe is gone.
    .replace(/['’](s\b)?/g, (_, s: string | undefined) => (s === undefined ? '' : ' '));
  for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || /^\p{N}+$/u.test(word) || STOP_WORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}

/** Lower-case stemmed word tokens of a text for matching, stop words and numbers dropped. */
export function tokenize(text: string): string[] {
  return contentWords(text).map(stemWord);
}

/** Remembers the word to show for a term: the shortest seen, then the first alphabetically. */
export function noteDisplayWord(display: Map<string, string>, term: string, word: string): void {
  // Shortest, then alphabetical: the choice does not depend on the order texts arrive in.
  const known = display.get(term);
  if (
    known === undefined ||
    word.length < known.length ||
    (word.length === known.length && word < known)
  ) {
    display.set(term, word);
  }
}
