// A rule-based sentiment analyser for customer messages, in the manner of VADER (Hutto & Gilbert,
// ICWSM 2014): lexicon valences adjusted for negation, degree words, contrast, punctuation and
// ALL-CAPS, summed and squashed to -1..1. The rules are our own; the word list is VADER's plus a
// support-desk lexicon (sentiment-lexicon.ts). It runs over every customer message of a desk in a
// worker, so the tables are compiled once and each call reuses module-level scratch buffers.
import { sentimentLabel, type SentimentLabel } from './mood';
import {
  BOOSTERS,
  DOMAIN_PHRASES,
  DOMAIN_WORDS,
  EMOJI,
  FUNCTION_WORDS,
  IDIOMS,
  INFORMAL,
  INITIALISMS,
  NEGATORS,
  REMEDIES,
  VADER_CORRECTIONS,
} from './sentiment-lexicon';
import { vaderLexicon } from './vader-lexicon';

/** One word or phrase that moved the score, as said in the text (for the "why" on screen). */
export interface SentimentTerm {
  text: string;
  /** Valence after negation, degree words, capitals and contrast, in lexicon units (about -4..4). */
  weight: number;
}

export interface Sentiment {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  label: SentimentLabel;
  terms: SentimentTerm[];
}

// VADER's empirically derived constants (mean rating shifts in the paper's experiments).
const BOOST_DECAY = [0, 1, 0.95, 0.9];
const CAPS_BOOST = 0.733;
const NEGATE_POSITIVE = -0.74;
/** "not bad" is milder praise than "good": a negated negative word flips to less than its size. */
const NEGATE_NEGATIVE = -0.5;
const NEGATION_WINDOW = 3;
/** "kind of", "sort of": the two-word dampeners. */
const KIND_OF = -0.293;
/** "would have been nice" regrets what is missing: a wish, not praise. */
const COUNTERFACTUAL = -0.4;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const EXCLAMATION_BOOST = 0.292;
const MAX_EXCLAMATIONS = 4;
const QUESTION_BOOST = 0.18;
const MAX_QUESTION_BOOST = 0.96;
/** Squashing constant: score = sum / sqrt(sum² + ALPHA), about the largest sum expected. */
const ALPHA = 15;
const QUESTION_DAMPING = 0.6;
/** Words that make a question a complaint: "why is it so slow?", "seriously?". */
const RHETORICAL = new Set(['why', 'seriously']);
/** A "please" in capitals or drawn out, amid plain words: exasperation, not courtesy. */
const PLEADING = -1.0;
/** Formulas a "PLEASE" in capitals opens: "PLEASE NOTE", "PLEASE find attached". */
const PLEASE_FORMULAS = new Set(['note', 'find', 'see', 'advise', 'consider', 'refer', 'read']);
/** "finally" in a question: "Can someone finally look at this?" has waited too long. */
const IMPATIENCE = -1.2;
/** Words that make a question about something bad a complaint: "still broken?", "down again?". */
const PERSISTING = new Set(['still', 'again']);
/** Mocking praise ("Great, another outage.") counts against, at half its size. */
const IRONY = -0.5;
/** Quoted words weigh as much as a conceded clause. */
const QUOTED = BEFORE_CONTRAST;
/** A superlative or -ier comparative is its adjective with a degree word: "coolest" = "most cool". */
const DEGREE_SUFFIX = 0.293;
/** The most of a complaint a closing courtesy after it can offset ("Still not fixed. Thanks."). */
const CLOSING_COURTESY = 0.25;
/** The words a closing courtesy is made of: "Thanks.", "Thank you in advance!", "Please advise." */
const COURTESY_WORDS = new Set([
  'thanks',
  'thank',
  'thx',
  'ty',
  'cheers',
  'please',
  'kindly',
  'advise',
  'you',
  'in',
  'advance',
  'again',
  'so',
  'very',
  'much',
  'many',
  'a',
  'lot',
  'for',
  'your',
  'help',
  'time',
]);

interface Phrase {
  words: readonly string[];
  valence: number;
}

const WORD_VALENCE = new Map<string, number>();
const NEGATED_VALENCE = new Map<string, number>();
const PHRASES = new Map<string, Phrase[]>();
const BOOSTER = new Map<string, number>();
const REMEDY = new Set<string>();
/** Negators that deny an action ("fails to load") but do not flip a fault ("fails with an error"). */
const FAILURE = new Set([
  'fails',
  'failed',
  'refuses',
  'refused',
  'unable',
  'lack',
  'lacks',
  'lacking',
]);
const NEGATOR = new Set<string>();
const EMOJI_VALENCE = new Map<number, number>();
/** Words after which "like" is the verb of liking ("I like it") rather than "looks like". */
const LIKE_SUBJECTS = new Set([
  'i',
  'we',
  'you',
  'they',
  'really',
  'also',
  'still',
  'just',
  'definitely',
  'do',
  'did',
  'does',
  "don't",
  'dont',
  "didn't",
  'didnt',
  "doesn't",
  'doesnt',
  'not',
  'will',
  "i'll",
  "you'll",
  "we'll",
  "they'll",
]);
/** Adverbs that may stand between a subject and "like": "I really like it". */
const LIKE_ADVERBS = new Set(['really', 'also', 'still', 'just', 'definitely', 'not']);
/** "it's (just / not) like": after a form of "be", "like" compares ("it's not as if"). */
const COPULAS = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'am',
  "it's",
  'its',
  "that's",
  'thats',
  "i'm",
  'im',
  "he's",
  "she's",
  "you're",
  "we're",
  "they're",
]);

/**
 * Whether "like" at token k is the verb of liking ("I like it") rather than "looks like". A "not"
 * needs a subject or auxiliary before it: "they do not like it" likes, "lightning, not like wind"
 * compares.
 */
function likeIsVerb(k: number): boolean {
  if (k === 0 || !LIKE_SUBJECTS.has(tokenKey[k - 1]!)) return false;
  let denied = false;
  for (let j = k - 1; j >= 0 && k - j <= 3 && tokenKind[j] === WORD; j--) {
    const key = tokenKey[j]!;
    if (COPULAS.has(key)) return false;
    if (!LIKE_ADVERBS.has(key)) return !denied || LIKE_SUBJECTS.has(key);
    if (key === 'not') denied = true;
  }
  return !denied;
}

/**
 * Whether the "like" at token k asks for something: "would like to know", "I'd like to submit a
 * meter reading". A wish, not a liking: what it asks for carries any mood.
 */
function asks(k: number): boolean {
  const before = tokenKey[k - 1];
  if (before !== 'would' && before !== "i'd" && before !== "we'd") return false;
  return tokenKey[k + 1] === 'to' && tokenKind[k + 2] === WORD;
}

/** "looks like", "like new": a comparison, not a liking (VADER rates every "like" 1.5). */
const LIKE_AS_PREPOSITION = 0.4;
/** A review's own rating by whole stars out of five ("5 stars", "one star"), as a valence. */
const STAR_VALENCE = [-2.5, -2.5, -1.5, 0, 1.8, 2.6];
/** "10 stars" is off the five-star scale: a rave. */
const OFF_THE_SCALE = 2.8;
const NUMBER_WORDS = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);
const NUMBER = /^\d+(?:\.\d+)?$/;

const CONTRASTS = new Set(['but', 'however']);
/** Pressure on the desk, which a remedy word before it ("fix it asap") does not take away. */
const URGENCY = new Set(['urgent', 'urgently', 'asap']);

function addPhrase(text: string, valence: number): void {
  const words = text.split(' ');
  // Written with hyphens ("well-made", "hassle-free") it is one token.
  if (!text.includes("'")) WORD_VALENCE.set(words.join('-'), valence);
  const variants = [words, words.map((w) => w.replace(/'/g, ''))];
  for (const variant of variants) {
    const list = PHRASES.get(variant[0]!) ?? [];
    if (list.some((p) => p.words.join(' ') === variant.join(' '))) continue;
    list.push({ words: variant, valence });
    list.sort((a, b) => b.words.length - a.words.length);
    PHRASES.set(variant[0]!, list);
  }
}

function compileTables(): void {
  for (const [word, valence] of Object.entries(vaderLexicon)) {
    if (word.includes(' ')) addPhrase(word, valence);
    else WORD_VALENCE.set(word, valence);
  }
  for (const [word, valence] of Object.entries(VADER_CORRECTIONS)) WORD_VALENCE.set(word, valence);
  for (const [word, valence] of Object.entries(INFORMAL)) WORD_VALENCE.set(word, valence);
  for (const [word, valence] of Object.entries(DOMAIN_WORDS)) WORD_VALENCE.set(word, valence);
  for (const [word, [affirmed, negated]] of Object.entries(FUNCTION_WORDS)) {
    WORD_VALENCE.set(word, affirmed);
    NEGATED_VALENCE.set(word, negated);
  }
  for (const [phrase, valence] of Object.entries(DOMAIN_PHRASES)) addPhrase(phrase, valence);
  for (const [phrase, valence] of Object.entries(IDIOMS)) addPhrase(phrase, valence);
  for (const [word, boost] of Object.entries(BOOSTERS)) BOOSTER.set(word, boost);
  for (const word of NEGATORS) NEGATOR.add(word);
  for (const word of REMEDIES) REMEDY.add(word);
  for (const [emoji, valence] of Object.entries(EMOJI))
    EMOJI_VALENCE.set(emoji.codePointAt(0)!, valence);
}
// Built on the first message scored, not when the module loads: most importers never score one.
let tablesCompiled = false;

// Token kinds.
const WORD = 0;
const EMOTICON = 1;
const SENTENCE_END = 2;
const CLAUSE_BREAK = 3;
/** Past the last token: what the rules read when they look ahead of the text's end. */
const PAST_END = 4;
/** How many tokens past the end the rules may look ("would like to <verb>", "no longer <verb>"). */
const LOOKAHEAD = 4;

// Scratch buffers, grown on demand and reused by every call (the analyser is synchronous).
let capacity = 0;
let tokenKind = new Uint8Array(0);
let tokenStart = new Int32Array(0);
let tokenEnd = new Int32Array(0);
let tokenCaps = new Uint8Array(0);
let tokenValence = new Float64Array(0);
const tokenKey: string[] = [];
let tokenInItem = new Uint8Array(0);
let tokenQuoted = new Uint8Array(0);
/** Inside quotation marks, and the token that opened them. */
let quoted = 0;
let quoteOpenedAt = 0;
let quotesSeen = false;
/** The text being scored. */
let scannedText = '';
let itemStart = new Int32Array(0);
let itemEnd = new Int32Array(0);
let itemWeight = new Float64Array(0);
let tokenCount = 0;
let itemCount = 0;
let exclamations = 0;
let questions = 0;
let capsWords = 0;
let letterWords = 0;

function ensureCapacity(needed: number): void {
  if (needed <= capacity) return;
  capacity = Math.max(needed, capacity * 2, 64);
  const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, fresh: T): T => {
    fresh.set(old);
    return fresh;
  };
  tokenKind = grow(tokenKind, new Uint8Array(capacity));
  tokenStart = grow(tokenStart, new Int32Array(capacity));
  tokenEnd = grow(tokenEnd, new Int32Array(capacity));
  tokenCaps = grow(tokenCaps, new Uint8Array(capacity));
  tokenValence = grow(tokenValence, new Float64Array(capacity));
  tokenInItem = grow(tokenInItem, new Uint8Array(capacity));
  tokenQuoted = grow(tokenQuoted, new Uint8Array(capacity));
  itemStart = grow(itemStart, new Int32Array(capacity));
  itemEnd = grow(itemEnd, new Int32Array(capacity));
  itemWeight = grow(itemWeight, new Float64Array(capacity));
}

function pushToken(kind: number, start: number, end: number, key: string, valence: number): void {
  ensureCapacity(tokenCount + 1);
  tokenKind[tokenCount] = kind;
  tokenStart[tokenCount] = start;
  tokenEnd[tokenCount] = end;
  tokenKey[tokenCount] = key;
  tokenValence[tokenCount] = valence;
  tokenCaps[tokenCount] = 0;
  tokenInItem[tokenCount] = 0;
  tokenQuoted[tokenCount] = quoted;
  tokenCount++;
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Letters of Latin-1, Latin Extended, Greek and Cyrillic count as word characters. */
const isWordChar = (c: number): boolean =>
  isLower(c) || isUpper(c) || isDigit(c) || (c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7);
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;
const isSentencePunctuation = (c: number): boolean => c === 46 || c === 44 || c === 33 || c === 63;
/** Characters that make up ASCII emoticons such as ":-)", "<3", ";P" or "(:". */
const isEmoticonChar = (c: number): boolean =>
  c === 58 ||
  c === 59 ||
  c === 61 ||
  c === 60 ||
  c === 40 ||
  c === 41 ||
  c === 94 ||
  c === 91 ||
  c === 95;

function tokenize(text: string): void {
  tokenCount = 0;
  exclamations = 0;
  questions = 0;
  capsWords = 0;
  quoted = 0;
  quotesSeen = false;
  scannedText = text;
  letterWords = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let chunkEnd = i;
    let emoticonLike = false;
    let url = false;
    let address = false;
    let dotted = false;
    while (chunkEnd < length) {
      const c = text.charCodeAt(chunkEnd);
      if (isSpace(c)) break;
      if (c === 46 && chunkEnd > i && isWordChar(text.charCodeAt(chunkEnd + 1))) dotted = true;
      else if (c === 47 && dotted) url = true;
      else if (c === 64 && isWordChar(text.charCodeAt(chunkEnd + 1))) address = true;
      else if (isEmoticonChar(c)) {
        emoticonLike = true;
        if (
          c === 58 &&
          text.charCodeAt(chunkEnd + 1) === 47 &&
          text.charCodeAt(chunkEnd + 2) === 47
        ) {
          url = true;
        }
      }
      chunkEnd++;
    }
    if (url) {
      i = chunkEnd;
      continue;
    }
    // An e-mail address or a handle ("sad.panda@example.com", "@happydays") names someone; only
    // the sentence's marks after it count.
    if (address) {
      let end = chunkEnd;
      while (end > i && isSentencePunctuation(text.charCodeAt(end - 1))) end--;
      scanChunk(text, end, chunkEnd);
      i = chunkEnd;
      continue;
    }
    // An emoticon is a whole chunk, perhaps followed by sentence punctuation: ":-)", "<3!", "o_O".
    let core = chunkEnd;
    while (core > i + 2 && isSentencePunctuation(text.charCodeAt(core - 1))) core--;
    if (text.startsWith('&lt;', i)) emoticonLike = true;
    if (emoticonLike && core - i >= 2 && core - i <= 8) {
      // HTML-escaped hearts ("&lt;3") come from e-mail and web forms.
      let key = text.slice(i, core).toLowerCase().replace('&lt;', '<');
      let valence = WORD_VALENCE.get(key);
      if (valence === undefined) {
        key = plainEmoticon(key);
        valence = WORD_VALENCE.get(key);
      }
      if (valence !== undefined && !/[a-z]{2}/.test(key) && !isDriveLetter(text, i, core)) {
        pushToken(EMOTICON, i, core, key, valence);
        scanChunk(text, core, chunkEnd);
        i = chunkEnd;
        continue;
      }
    }
    scanChunk(text, i, chunkEnd);
    i = chunkEnd;
  }
  // A quotation mark never closed is an inch mark or a typo, not a quotation.
  if (quoted === 1) tokenQuoted.fill(0, quoteOpenedAt, tokenCount);
  // The buffers are reused: what lies past this text's end is cleared, so no rule that looks
  // ahead ("5 stars", "fixed nothing") reads the tokens of the message before.
  ensureCapacity(tokenCount + LOOKAHEAD);
  for (let k = tokenCount; k < tokenCount + LOOKAHEAD; k++) {
    tokenKind[k] = PAST_END;
    tokenKey[k] = '';
    tokenValence[k] = 0;
    tokenCaps[k] = 0;
    tokenInItem[k] = 0;
    tokenQuoted[k] = 0;
  }
}

/** Words that place a lone "D:" as a disk: "the D: drive", "copy it to D:", "C: and D:". */
const DRIVE_WORDS = new Set(['drive', 'drives', 'disk', 'partition', 'volume', 'share']);
const DRIVE_LEAD_INS = new Set([
  ...DRIVE_WORDS,
  'the',
  'to',
  'on',
  'onto',
  'from',
  'in',
  'into',
  'and',
  'or',
]);

/**
 * Whether the chunk text[start, end) is a drive letter or a label ("D: is full", "Answer d: none")
 * rather than a face ("D:" is dismay): a face ends what it follows, so a letter and a colon
 * followed by a word, or after a preposition or "and"/"or" ("copy it to D:"), is not one.
 */
function isDriveLetter(text: string, start: number, end: number): boolean {
  if (end - start !== 2 || text.charCodeAt(start + 1) !== 58) return false;
  if (!/[A-Za-z]/.test(text[start]!)) return false;
  const before = /([A-Za-z]+)\s*$/.exec(text.slice(Math.max(0, start - 24), start));
  if (before !== null && DRIVE_LEAD_INS.has(before[1]!.toLowerCase())) return true;
  // Followed by a word (not another face such as "D: D:"): "D: is almost full", "my D: drive".
  return (
    /^\s*[A-Za-z0-9\\]/.test(text.slice(end, end + 8)) &&
    !/^\s*[A-Za-z][:=]/.test(text.slice(end, end + 8))
  );
}

/**
 * An emoticon as VADER lists it: a repeated mouth once (":)))" is ":)") and "=" eyes as ":"
 * when only that spelling is listed ("=(" is ":(").
 */
function plainEmoticon(key: string): string {
  let end = key.length;
  while (end > 2 && key.charCodeAt(end - 1) === key.charCodeAt(end - 2)) end--;
  const once = key.slice(0, end);
  if (WORD_VALENCE.has(once) || once.charCodeAt(0) !== 61) return once;
  return `:${once.slice(1)}`;
}

/** Whether a lower-case word means something to the analyser. */
function knownWord(key: string): boolean {
  return WORD_VALENCE.has(key) || BOOSTER.has(key) || NEGATOR.has(key) || PHRASES.has(key);
}

const STUTTER = /^([a-z])(?:-\1)*-(\1[a-z']+)$/;
const DRAWN_OUT = /([a-z])\1{2,}/;

/** Set by `informalWord`: the spelling stresses the word ("sooo"). */
let informalStress = false;
/** Set by `informalWord`: the degree a comparative or superlative adds ("coolest" = "most cool"). */
let informalDegree = 0;

/**
 * The word behind an informal spelling, when the spelling itself is unknown: a stutter
 * ("h-happy"), letters drawn out ("goooood", "sooo", "pleeease", "arghh"), laughter of any length
 * ("hahahaha", "hehe", "lolol"), a dropped g ("lovin", "freakin") or a superlative or -ier
 * comparative of a sentiment word ("coolest", "funnier"); undefined otherwise.
 */
function informalWord(key: string): string | undefined {
  informalStress = false;
  informalDegree = 0;
  // A stutter is its word, known or not: "h-happy" is "happy", "i-i-it's" is "it's".
  const stutter = STUTTER.exec(key);
  if (stutter) return stutter[2]!;
  const laugh = laughter(key);
  if (laugh !== undefined) return laugh;
  if (DRAWN_OUT.test(key)) {
    informalStress = true;
    const twice = key.replace(/([a-z])\1{2,}/g, '$1$1');
    if (knownWord(twice)) return twice;
    const once = key.replace(/([a-z])\1{2,}/g, '$1');
    if (knownWord(once)) return once;
    informalStress = false;
    return undefined;
  }
  const last = key.charCodeAt(key.length - 1);
  // A sigh drawn out by one letter: "arghh", "ughh".
  if (last === 104 /* h */ && key.endsWith('hh') && knownWord(key.slice(0, -1))) {
    informalStress = true;
    return key.slice(0, -1);
  }
  if (last === 110 /* n */) {
    return key.length >= 5 && key.endsWith('in') && knownWord(`${key}g`) ? `${key}g` : undefined;
  }
  if (last !== 116 /* t */ && last !== 114 /* r */) return undefined;
  const stem = comparedStem(key);
  if (stem !== undefined) informalDegree = DEGREE_SUFFIX;
  return stem;
}

/** "haha", "hahaha" (VADER rates longer laughter higher), "hehe" or "lol" for a laugh; else undefined. */
function laughter(key: string): string | undefined {
  const length = key.length;
  if (length < 3) return undefined;
  const first = key.charCodeAt(0);
  if (first === 108 /* l */) {
    const second = key.charCodeAt(1);
    if (second !== 111 /* o */ && second !== 117 /* u */) return undefined;
    return /^lo+l(?:o+l)*[sz]?$|^lulz$/.test(key) ? 'lol' : undefined;
  }
  if (first !== 104 /* h */ && first !== 97 /* a */) return undefined;
  let hs = 0;
  let as = 0;
  let es = 0;
  for (let i = 0; i < length; i++) {
    const c = key.charCodeAt(i);
    if (c === 104) hs++;
    else if (c === 97) as++;
    else if (c === 101) es++;
    else return undefined;
  }
  if (hs < 2) return undefined;
  if (es === 0 && as >= 2) return as >= 3 ? 'hahaha' : 'haha';
  if (as === 0 && es >= 2 && first === 104) return 'hehe';
  return undefined;
}

/** A sentiment word; degree words do not lend theirs through a suffix ("biggest" is not "big"). */
function comparable(stem: string): boolean {
  if (stem.length < 3 || BOOSTER.has(stem) || NEGATOR.has(stem)) return false;
  const valence = WORD_VALENCE.get(stem);
  return valence !== undefined && valence !== 0;
}

/**
 * The sentiment word a superlative ("coolest", "sweetest", "biggest", "nicest", "happiest") or
 * a comparative in -ier ("funnier") is formed from. Plain -er is left alone: it also makes nouns
 * of verbs ("player", "fighter").
 */
function comparedStem(key: string): string | undefined {
  let base: string;
  if (key.endsWith('iest')) base = `${key.slice(0, -4)}y`;
  else if (key.endsWith('ier')) base = `${key.slice(0, -3)}y`;
  else if (key.endsWith('est')) base = key.slice(0, -3);
  else return undefined;
  if (comparable(base)) return base;
  if (key.endsWith('iest') || key.endsWith('ier')) return undefined;
  if (comparable(`${base}e`)) return `${base}e`;
  const last = base.length - 1;
  if (last > 1 && base[last] === base[last - 1] && comparable(base.slice(0, -1))) {
    return base.slice(0, -1);
  }
  return undefined;
}

/** Opens (1) or closes (0) a quotation at the next token. */
function toggleQuote(open: number): void {
  if (open === 1 && quoted === 0) quoteOpenedAt = tokenCount;
  quoted = open;
  quotesSeen = true;
}

/** Levels a log line names in capitals: "FATAL", "ERROR", "WARNING" (see logShaped). */
const LOG_LEVELS = new Set([
  'fatal',
  'error',
  'err',
  'warn',
  'warning',
  'critical',
  'crit',
  'severe',
  'panic',
  'exception',
  'debug',
  'info',
  'notice',
  'trace',
]);

/**
 * Whether the level word in capitals just read (text[start, end)) stands as a log writes it:
 * before a colon or in brackets ("ERROR:", "[WARN]"), or after another level ("FATAL ERROR"),
 * which then is one too (its count as a shouted word is taken back).
 */
function logShaped(text: string, start: number, end: number): boolean {
  const next = text.charCodeAt(end);
  if (next === 58 || next === 93 || text.charCodeAt(start - 1) === 91) {
    unshoutLevelBefore();
    return true;
  }
  return unshoutLevelBefore();
}

/** Takes back the shouting of a level word in capitals right before the current token. */
function unshoutLevelBefore(): boolean {
  const before = tokenCount - 2;
  if (before < 0 || tokenKind[before] !== WORD || tokenCaps[before] !== 1) return false;
  if (!LOG_LEVELS.has(tokenKey[before]!)) return false;
  tokenCaps[before] = 0;
  capsWords--;
  letterWords--;
  return true;
}

function scanChunk(text: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      let upper = 0;
      let lower = 0;
      let curly = false;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (isUpper(d)) upper++;
        else if (isLower(d)) lower++;
        else if (isApostrophe(d) || d === 46) {
          // Inside a word: "doesn't", "3.5"; otherwise it ends the word.
          const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
          const prev = text.charCodeAt(i - 1);
          if (d === 46 ? !(isDigit(prev) && isDigit(next)) : !isWordChar(next)) break;
          if (d === 0x2019) curly = true;
        } else if (d === 45) {
          // "well-made" is one word; a dash between words is a break.
          const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
          if (!isWordChar(next)) break;
        } else if (!isWordChar(d)) break;
        i++;
      }
      let key = text.slice(start, i).toLowerCase();
      if (curly) key = key.replace(/\u2019/g, "'");
      const known = knownWord(key);
      const plain = known ? key : informalWord(key);
      pushToken(WORD, start, i, plain ?? key, known ? 0 : informalDegree);
      // A word in capitals, or drawn out ("sooo slooow"), is stressed.
      const drawnOut = !known && plain !== undefined && informalStress;
      const capitals = upper + lower >= 2 && lower === 0;
      // A log's level ("ERROR: disk full", "[WARN]", "FATAL ERROR") is written in capitals by
      // the software that logged it: neither shouted nor a word that shouts would stand out from.
      const logged = capitals && LOG_LEVELS.has(key) && logShaped(text, start, i);
      if (upper + lower >= 2 && !logged) letterWords++;
      // Initialisms are written in capitals anyway: "OK", "LOL" and "XD" are not shouted.
      if (((capitals && !logged) || drawnOut) && !INITIALISMS.has(plain ?? key)) {
        capsWords++;
        tokenCaps[tokenCount - 1] = 1;
      }
      continue;
    }
    if (c === 33 || c === 63 || c === 46) {
      if (c === 33) exclamations++;
      else if (c === 63) questions++;
      pushToken(SENTENCE_END, i, i + 1, c === 63 ? '?' : c === 33 ? '!' : '', 0);
      i++;
      continue;
    }
    if (c === 44 || c === 59 || c === 58) {
      // An emoticon glued to the end of a word ("great:)") still counts; "1:30" is a time.
      if (c !== 44 && i + 2 === to && (i === from || !isDigit(text.charCodeAt(i - 1)))) {
        const pair = text.slice(i, i + 2).toLowerCase();
        const valence = WORD_VALENCE.get(pair);
        if (valence !== undefined) {
          pushToken(EMOTICON, i, i + 2, pair, valence);
          i += 2;
          continue;
        }
      }
      pushToken(CLAUSE_BREAK, i, i + 1, '', 0);
      i++;
      continue;
    }
    if (c === 40 || c === 41 || c === 91 || c === 93 || c === 45 || c === 0x2013 || c === 0x2014) {
      pushToken(CLAUSE_BREAK, i, i + 1, '', 0);
      i++;
      continue;
    }
    if (c === 34 || c === 0x201c || c === 0x201d) {
      toggleQuote(c === 0x201c ? 1 : c === 0x201d ? 0 : 1 - quoted);
      i++;
      continue;
    }
    if (c === 38) {
      if (text.startsWith('&quot;', i)) {
        toggleQuote(1 - quoted);
        i += 6;
        continue;
      }
      // An HTML entity such as "&amp;" or "&gt;" is not a word.
      let j = i + 1;
      while (
        j < to &&
        j - i <= 8 &&
        (isLower(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 35)
      )
        j++;
      if (j < to && j > i + 1 && text.charCodeAt(j) === 59) {
        i = j + 1;
        continue;
      }
    }
    if (c >= 0x2000) {
      const code = text.codePointAt(i)!;
      const width = code > 0xffff ? 2 : 1;
      const valence = EMOJI_VALENCE.get(code);
      if (valence !== undefined)
        pushToken(EMOTICON, i, i + width, text.slice(i, i + width), valence);
      i += width;
      continue;
    }
    i++;
  }
}

const isNegator = (key: string): boolean => NEGATOR.has(key) || key.endsWith("n't");

let matchedValence = 0;
/** Index one past the phrase starting at token k, or -1; sets `matchedValence`. */
function matchPhrase(k: number): number {
  const candidates = PHRASES.get(tokenKey[k]!);
  if (candidates === undefined) return -1;
  for (const phrase of candidates) {
    const words = phrase.words;
    if (k + words.length > tokenCount) continue;
    let matches = true;
    for (let w = 1; w < words.length; w++) {
      if (tokenKind[k + w] !== WORD || tokenKey[k + w] !== words[w]) {
        matches = false;
        break;
      }
    }
    if (matches) {
      matchedValence = phrase.valence;
      return k + words.length;
    }
  }
  return -1;
}

/** Whether token k starts a sentiment word or phrase (that a failure word can flip). */
function startsSentiment(k: number, flippableByFailure = false): boolean {
  if (k >= tokenCount || tokenKind[k] !== WORD || isNegator(tokenKey[k]!)) return false;
  const key = tokenKey[k]!;
  if (NEGATED_VALENCE.has(key)) return true;
  const valence = WORD_VALENCE.get(key) ?? (matchPhrase(k) !== -1 ? matchedValence : 0);
  return flippableByFailure ? valence > 0 : valence !== 0;
}

/** Whether the negator at token k has a sentiment word to flip within its window. */
function negatesSomething(k: number): boolean {
  const failure = FAILURE.has(tokenKey[k]!);
  for (let d = 1; d <= NEGATION_WINDOW; d++) {
    const j = k + d;
    if (j >= tokenCount || tokenKind[j] !== WORD || CONTRASTS.has(tokenKey[j]!)) return false;
    if (startsSentiment(j, failure)) return true;
  }
  return false;
}

const MODALS = new Set(['would', 'could', 'should', 'might']);
/** Laughter and chat initialisms show the writer's mood, like a face: "no idea lol" still laughs. */
const MOOD_WORDS = new Set([
  'lol',
  'lmao',
  'lmfao',
  'rofl',
  'haha',
  'hahaha',
  'hehe',
  'xd',
  'xo',
  'xoxo',
]);
/** A determiner makes the word after it a noun: "didn't do any work" is not "didn't work". */
const DETERMINERS = new Set([
  'any',
  'the',
  'an',
  'my',
  'your',
  'his',
  'her',
  'our',
  'their',
  'this',
  'that',
  'some',
  'much',
]);

/**
 * Adjusts a sentiment word's base valence for the words before it in its clause, back to the
 * previous sentiment word: degree words, negation, "would have been" and capitals.
 */
function adjust(start: number, end: number, base: number, negated: number | undefined): number {
  // Words carry their own degree: "coolest" is "most cool".
  let boost = tokenKind[start] === WORD ? tokenValence[start]! : 0;
  let negations = 0;
  let negator = -1;
  let counterfactual = false;
  let determined = false;
  const emphasised = capsWords > 0 && capsWords < letterWords;
  let j = start;
  for (let d = 1; d <= NEGATION_WINDOW; d++) {
    j--;
    if (j < 0 || tokenKind[j] !== WORD) break;
    const key = tokenKey[j]!;
    // Articles and one-letter words do not count towards the window: "not a good day".
    if (key.length === 1 && key >= 'a' && key <= 'z') {
      if (key === 'a' && negator === -1) determined = true;
      d--;
      continue;
    }
    // "fix the crash" names a fault to remove; "fix it asap" presses whoever fixes it; "the fix
    // broke the printer" names what did the harm.
    const remedyNamed =
      j === start - 1 && j > 0 && (DETERMINERS.has(tokenKey[j - 1]!) || tokenKey[j - 1] === 'a');
    if (base < 0 && REMEDY.has(key) && !URGENCY.has(tokenKey[start]!) && !remedyNamed) return 0;
    if (tokenInItem[j] === 1) {
      // "No one helps", "no one answers": the phrase denies the doing that follows it ("no one
      // is as good" is praise, so only a word that says a thing does its job).
      if (key === 'one' && tokenKey[j - 1] === 'no' && j === start - 1 && negated !== undefined) {
        negations++;
        negator = j - 1;
      }
      break;
    }
    if (CONTRASTS.has(key)) break;
    const scalar = BOOSTER.get(key);
    if (negator === -1 && DETERMINERS.has(key)) determined = true;
    if (scalar !== undefined) {
      boost += scalar * BOOST_DECAY[d]!;
      if (emphasised && tokenCaps[j] === 1) boost += scalar > 0 ? CAPS_BOOST : -CAPS_BOOST;
    } else if (
      key === 'of' &&
      j > 0 &&
      (tokenKey[j - 1] === 'kind' || tokenKey[j - 1] === 'sort')
    ) {
      boost += KIND_OF * BOOST_DECAY[d]!;
    } else if (
      CANNOT.has(key) &&
      tokenKey[j + 1] === 'believe' &&
      (base < 0 || tokenKey[j + 2] === 'how')
    ) {
      // "I can't believe you lost it again", "can't believe how fast": outrage or amazement, no
      // denial ("can't believe anyone would recommend this" does deny the praise).
    } else if (isNegator(key) && !(FAILURE.has(key) && base < 0 && negated === undefined)) {
      // "never so good" and "haven't been this happy" stress rather than deny, and "didn't
      // expect such a helpful answer" is surprise at what came.
      const before = tokenKey[start - 1];
      const stress =
        before === 'this' || (key === 'never' && before === 'so') || surprised(j, start);
      if (!stress) negations++;
      if (negator === -1) negator = j;
    } else if (
      key === 'least' &&
      (j === 0 || (tokenKey[j - 1] !== 'at' && tokenKey[j - 1] !== 'very'))
    ) {
      negations++;
    } else if (
      ((key === 'have' || key === 'been') && j > 0 && MODALS.has(tokenKey[j - 1]!)) ||
      key === "would've" ||
      key === "could've" ||
      key === "should've" ||
      key === 'supposed'
    ) {
      counterfactual = true;
    }
  }
  let valence = base;
  if (emphasised) {
    let allCaps = true;
    for (let k = start; k <= end; k++)
      if (tokenKind[k] === WORD && tokenCaps[k] !== 1) allCaps = false;
    if (allCaps && tokenKind[start] === WORD) valence += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
  }
  const mood = MOOD_WORDS.has(tokenKey[start]!);
  if (negations % 2 === 1 && !mood && !praisedBeyondWords(start, end, valence, negator)) {
    if (negated !== undefined && !determined) valence = negated;
    else valence *= valence > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE;
  }
  if (valence > 0) valence += boost;
  else if (valence < 0) valence -= boost;
  if (counterfactual) valence *= COUNTERFACTUAL;
  return valence;
}

const CANNOT = new Set(["can't", 'cant', 'cannot', "couldn't", 'couldnt']);
const EXPECTING = new Set(['expect', 'expected']);
const SURPRISING_DEGREES = new Set(['such', 'so', 'this', 'that']);

/**
 * Whether the negator at token j denies an expectation of what came, degree and all: "didn't
 * expect such a helpful answer", "never expected it to be so easy".
 */
function surprised(j: number, start: number): boolean {
  if (!EXPECTING.has(tokenKey[j + 1] ?? '')) return false;
  for (let k = j + 2; k < start; k++) if (SURPRISING_DEGREES.has(tokenKey[k]!)) return true;
  return false;
}

/**
 * Negated praise that means "the most": "couldn't be happier", "doesn't get any better", "can't
 * recommend it enough", "can't say enough good things"; "not good enough" is still a complaint.
 */
function praisedBeyondWords(start: number, end: number, valence: number, negator: number): boolean {
  if (valence <= 0 || negator === -1) return false;
  const key = tokenKey[negator]!;
  const cannot =
    CANNOT.has(key) ||
    (key === 'not' &&
      negator > 0 &&
      (tokenKey[negator - 1] === 'can' || tokenKey[negator - 1] === 'could'));
  const comparative = tokenKey[start]!.endsWith('er');
  const before = tokenKey[start - 1];
  if (comparative && before === 'be' && cannot) return true;
  if (comparative && before === 'any' && tokenKey[start - 2] === 'get') return true;
  if (!cannot) return false;
  for (let k = negator + 1; k < start; k++) if (tokenKey[k] === 'enough') return true;
  for (let k = end + 1; k <= end + 3 && k < tokenCount && tokenKind[k] === WORD; k++) {
    if (tokenKey[k] === 'enough') return true;
  }
  return false;
}

function pushItem(start: number, end: number, weight: number): void {
  if (weight === 0) return;
  itemStart[itemCount] = start;
  itemEnd[itemCount] = end;
  itemWeight[itemCount] = weight;
  itemCount++;
  for (let k = start; k <= end; k++) tokenInItem[k] = 1;
}

/** A wait told as such ("It's been two weeks."), about as bad as "still waiting" (-1.8). */
const WAITED = -1.6;
/** What a wait is told after: "it's been", "it has been". */
const WAIT_SUBJECTS = new Set(["it's", 'its', 'has']);
/** Words that may come before how long: "it's been over a week", "almost two days". */
const WAIT_HEDGES = new Set(['over', 'almost', 'nearly', 'about', 'like', 'more', 'than', 'well']);
/** How many: "a week", "several days", "3 days", "six weeks". */
const WAIT_AMOUNTS = new Set(['a', 'an', 'several', 'many', 'few', 'some']);
const WAIT_UNITS = new Set([
  'hour',
  'hours',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'ages',
  'forever',
]);

/**
 * Where the wait told from the "been" at token k ends ("It's been a week", "it has been over
 * three days", "it's been ages"), or -1: not "it's been a week of calm", not "been a great week".
 */
function waitedFor(k: number): number {
  if (k === 0 || !WAIT_SUBJECTS.has(tokenKey[k - 1]!)) return -1;
  let j = k + 1;
  while (j < tokenCount && tokenKind[j] === WORD && WAIT_HEDGES.has(tokenKey[j]!)) j++;
  if (tokenKind[j] !== WORD) return -1;
  if (tokenKey[j] !== 'ages' && tokenKey[j] !== 'forever') {
    while (tokenKind[j] === WORD && (WAIT_AMOUNTS.has(tokenKey[j]!) || numberAt(j) !== undefined)) {
      j++;
    }
    if (j === k + 1) return -1;
  }
  if (tokenKind[j] !== WORD || !WAIT_UNITS.has(tokenKey[j]!)) return -1;
  return tokenKey[j + 1] === 'of' && tokenKind[j + 1] === WORD ? -1 : j;
}

/**
 * A wait told is a complaint unless the sentence goes on to praise: "It's been a week and no
 * reply." complains, "It's been a week since the update and it works great." does not.
 */
function weighWaits(): void {
  for (let n = 0; n < itemCount; n++) {
    const k = itemStart[n]!;
    if (tokenKey[k] !== 'been' || tokenKind[k] !== WORD || itemWeight[n]! >= 0) continue;
    // Praise in its sentence or the next: "It's been a month now. Zero problems!"
    let ends = 0;
    for (let m = n + 1; m < itemCount; m++) {
      ends += sentenceEndsBetween(m === n + 1 ? k : itemStart[m - 1]!, itemStart[m]!);
      if (ends > 1) break;
      if (itemWeight[m]! > 0) {
        itemWeight[n] = 0;
        break;
      }
    }
  }
}

/** How many sentences end between two tokens (a run of marks ends one). */
const sentenceEndsBetween = (from: number, to: number): number => {
  let ends = 0;
  for (let k = from + 1; k < to; k++) {
    if (tokenKind[k] === SENTENCE_END && tokenKind[k + 1] !== SENTENCE_END) ends++;
  }
  return ends;
};

/** Kisses that sign a message off: "Thanks for sorting it x", "See you soon xx". */
const KISSES = new Set(['x', 'xx', 'xxx', 'xox']);
/** As warm as our "xo" (1.8), just under VADER's "<3" (1.9). */
const KISS = 1.8;
/**
 * Whether the kiss at token k signs the message off: its last word, in lower case, after a face,
 * the end of a sentence or a sign-off word ("thank you! :) x", "see you soon x"); not a letter or
 * a factor ("the value of x", "2 x", "a red x", "Model X"), nor in a complaint.
 */
function signsOff(k: number): boolean {
  if (k === 0) return false;
  const start = tokenStart[k]!;
  const end = tokenEnd[k]!;
  if (scannedText.slice(start, end) !== tokenKey[k]) return false;
  for (let j = k + 1; j < tokenCount; j++) if (tokenKind[j] === WORD) return false;
  if (tokenKind[k - 1] === WORD && !SIGN_OFFS.has(tokenKey[k - 1]!)) return false;
  // Warmth closing a complaint does not make it praise: "Still no refund. Waiting x".
  for (let n = 0; n < itemCount; n++) if (itemWeight[n]! < 0) return false;
  return true;
}
/** Words a kiss may follow: "thanks x", "see you soon x", "tonight x", "love you x". */
const SIGN_OFFS = new Set([
  'thanks',
  'thank',
  'you',
  'soon',
  'tomorrow',
  'tonight',
  'later',
  'love',
  'it',
  'again',
  'all',
  'day',
  'weekend',
  'week',
  'much',
  'lot',
  'x',
  'xx',
]);

function findItems(): void {
  itemCount = 0;
  let k = 0;
  while (k < tokenCount) {
    if (tokenKind[k] === EMOTICON) {
      pushItem(k, k, tokenValence[k]!);
      k++;
      continue;
    }
    if (tokenKind[k] !== WORD) {
      k++;
      continue;
    }
    const after = matchPhrase(k);
    if (after !== -1) {
      pushItem(k, after - 1, adjust(k, after - 1, matchedValence, undefined));
      k = after;
      continue;
    }
    const key = tokenKey[k]!;
    if ((tokenKey[k + 1] === 'stars' || tokenKey[k + 1] === 'star') && starRating(k)) {
      pushItem(ratingStart, k + 1, ratingValence);
      k += 2;
      continue;
    }
    if (key === 'been') {
      const waitEnd = waitedFor(k);
      if (waitEnd !== -1) {
        // "It's been a week.": a wait told as a complaint.
        pushItem(k, waitEnd, adjust(k, waitEnd, WAITED, undefined));
        k = waitEnd + 1;
        continue;
      }
    }
    const hyphened = key.includes('-star') ? HYPHENED_STARS.exec(key) : null;
    if (hyphened) {
      const stars = NUMBER_WORDS.get(hyphened[1]!) ?? Number(hyphened[1]);
      const valence = starValence(stars);
      // "a 5-star hotel", "5-star rated": a class or someone else's rating, not the writer's.
      if (valence !== undefined && valence !== 0 && !STAR_CLASSES.has(tokenKey[k + 1] ?? '')) {
        pushItem(k, k, adjust(k, k, valence, undefined));
        k++;
        continue;
      }
    }
    if (KISSES.has(key) && signsOff(k)) {
      pushItem(k, k, KISS);
      k++;
      continue;
    }
    const valence = WORD_VALENCE.get(key);
    // A degree word that is also a sentiment word ("pretty", "super") is a degree word before one.
    if (BOOSTER.has(key) && (valence === undefined || startsSentiment(k + 1))) {
      k++;
      continue;
    }
    if (key === 'finally' && impatient(k)) {
      // "Can someone finally look at this?": asked for at last, after waiting.
      pushItem(k, k, adjust(k, k, IMPATIENCE, undefined));
      k++;
      continue;
    }
    if (key === 'like' && asks(k)) {
      k++;
      continue;
    }
    if (key === 'like' && !likeIsVerb(k)) {
      // "it's not like that" compares; it neither likes nor dislikes.
      if (k === 0 || !isNegator(tokenKey[k - 1]!)) {
        pushItem(k, k, adjust(k, k, LIKE_AS_PREPOSITION, undefined));
      }
      k++;
      continue;
    }
    // A negator that is also a sentiment word ("no", "failed") counts as one when it flips nothing.
    if (isNegator(key) && negatesSomething(k)) {
      k++;
      continue;
    }
    const negated = NEGATED_VALENCE.get(key);
    if (REMEDY.has(key) && demanded(k)) {
      // "We need this fixed urgently": a fix asked for is a fault still there.
      pushItem(k, k, adjust(k, k, DEMANDED_REMEDY, undefined));
      k++;
      continue;
    }
    if ((negated !== undefined || REMEDY.has(key) || DOING.has(key)) && didNothing(k)) {
      // "The update fixed nothing", "the restart did nothing": done for nothing is not done.
      pushItem(k, k + 1, adjust(k, k, negated ?? NOTHING_DONE, undefined));
      k += 2;
      continue;
    }
    if (DESTROYED.has(key) && destroyedForThem(k)) {
      // "The update wiped my settings", "you deleted my account": done to the customer.
      pushItem(k, k, adjust(k, k, LOST, undefined));
      k++;
      continue;
    }
    if (VANISHED.has(key) && lostValuable(k)) {
      // "The data I entered yesterday is gone": what the customer had is lost.
      pushItem(k, k, adjust(k, k, LOST, undefined));
      k++;
      continue;
    }
    if ((valence !== undefined && valence !== 0) || negated !== undefined) {
      const weight = adjust(k, k, valence ?? 0, negated);
      // "I was told it would be fixed": a fix promised is not done ("won't be fixed" still counts),
      // nor one supposed ("I'll try it and see if it works").
      if (!(weight > 0 && ((REMEDY.has(key) && promised(k)) || supposed(k)))) {
        pushItem(k, k, weight);
      }
    }
    k++;
  }
}

/** Gone for good: a fault that is gone has left, something the customer had that is gone is lost. */
const VANISHED = new Set(['gone', 'disappeared', 'vanished']);
/** Things a customer has and can lose: "my files are gone", "the money has disappeared". */
const VALUABLES = new Set([
  'data',
  'file',
  'files',
  'photos',
  'pictures',
  'documents',
  'notes',
  'emails',
  'messages',
  'contacts',
  'history',
  'settings',
  'work',
  'progress',
  'money',
  'funds',
  'balance',
  'credit',
  'points',
  'order',
  'orders',
  'account',
]);
/** What destroys something a customer had: "the app deleted my notes". */
const DESTROYED = new Set(['deleted', 'erased', 'wiped', 'overwrote']);
/** The writer as the one who did it: "I deleted my cookies as you suggested" is a step taken. */
const WRITER = new Set(['i', 'we', "i've", "we've", 'ive', 'weve', "i'd", "we'd"]);

/**
 * Whether the "deleted" at token k destroyed something of the customer's that someone else did:
 * "my"/"our" or one of VALUABLES within three words after it, and a subject before it that is
 * not the writer ("I accidentally deleted my files" is the writer's own doing).
 */
function destroyedForThem(k: number): boolean {
  for (let j = k - 1; j >= 0 && j >= k - 2 && tokenKind[j] === WORD; j--) {
    if (WRITER.has(tokenKey[j]!)) return false;
  }
  if (k === 0 || tokenKind[k - 1] !== WORD) return false;
  for (let j = k + 1; j <= k + 3 && tokenKind[j] === WORD; j++) {
    const after = tokenKey[j]!;
    if (after === 'my' || after === 'our' || VALUABLES.has(after)) return true;
  }
  return false;
}
/** Something the customer had, lost: "my data is gone". */
const LOST = -1.8;

/**
 * Whether the "gone" at token k says something the customer had is lost: its clause names one of
 * VALUABLES before it and nothing that moved the score yet ("the error in my file is gone" is a
 * fault that left).
 */
function lostValuable(k: number): boolean {
  // "is gone", "are all gone", "seem to have disappeared": the words a removal has too.
  let j = k - 1;
  while (j >= 0 && tokenKind[j] === WORD && REMOVAL_FILLERS.has(tokenKey[j]!)) j--;
  if (j === k - 1) return false;
  let valuable = false;
  for (; j >= 0 && tokenKind[j] === WORD; j--) {
    if (tokenInItem[j] === 1 || CONTRASTS.has(tokenKey[j]!)) return false;
    if (VALUABLES.has(tokenKey[j]!)) valuable = true;
  }
  return valuable;
}

/** What promises a thing: "it will be fixed", "it'll be resolved", "is going to be repaired". */
const PROMISING = new Set(['will', 'would', 'gonna', 'shall']);
/** What is promised, when asked about: "will it be fixed?", "would this be resolved?". */
const PROMISED_THINGS = new Set(['it', 'this', 'that', 'they', 'these', 'those']);

/**
 * Whether the remedy at token k is promised or asked about, not done: "will be fixed", "going to
 * get solved", "will it be fixed?".
 */
function promised(k: number): boolean {
  const be = tokenKey[k - 1];
  if (k < 2 || (be !== 'be' && be !== 'get')) return false;
  let before = tokenKey[k - 2]!;
  if (PROMISED_THINGS.has(before) && k >= 3) before = tokenKey[k - 3]!;
  if (PROMISING.has(before) || before.endsWith("'ll")) return true;
  return before === 'to' && k >= 3 && tokenKey[k - 3] === 'going';
}

/** Words that make what follows a supposition: "see if it works", "whether the reset helps". */
const SUPPOSING = new Set(['if', 'whether']);
/** How a thing does its job, which a supposition only wonders about. */
const OUTCOMES = new Set([...REMEDIES, 'work', 'works', 'worked', 'help', 'helps', 'helped']);

/**
 * Whether the outcome at token k is supposed, not reported: "see if it works", "let me know
 * whether the reset helped", "see how it works out". Up to three words of its subject between.
 */
function supposed(k: number): boolean {
  if (!OUTCOMES.has(tokenKey[k]!)) return false;
  for (let j = k - 1; j >= 0 && j >= k - 4 && tokenKind[j] === WORD; j--) {
    const key = tokenKey[j]!;
    if (SUPPOSING.has(key)) return j < k - 1;
    if (key === 'how' && j > 0 && tokenKey[j - 1] === 'see') return j < k - 1;
  }
  return false;
}

const numberAt = (k: number): number | undefined =>
  k < 0 || tokenKind[k] !== WORD
    ? undefined
    : (NUMBER_WORDS.get(tokenKey[k]!) ??
      (NUMBER.test(tokenKey[k]!) ? Number(tokenKey[k]) : undefined));
/** Whether token k is written straight after a slash: the "5" of "2/5". */
const afterSlash = (k: number): boolean =>
  k > 0 && scannedText.charCodeAt(tokenStart[k]! - 1) === 47;

let ratingStart = 0;
let ratingValence = 0;
/**
 * Whether the number at token k, before "stars", rates something: "4 stars", "4.5 stars",
 * "4 1/2 stars", "2/5 stars", "8/10 stars"; sets `ratingStart` and `ratingValence`. Between whole
 * stars the valence is interpolated.
 */
function starRating(k: number): boolean {
  let value = numberAt(k);
  if (value === undefined) return false;
  ratingStart = k;
  if (afterSlash(k)) {
    const numerator = numberAt(k - 1);
    if (numerator === undefined || value === 0 || numerator > value) return false;
    ratingStart = k - 1;
    if (numerator === 1 && value === 2) {
      // "4 1/2 stars"; a half on its own is taken off a rating ("docked 1/2 star"), not one.
      const whole = afterSlash(k - 1) ? undefined : numberAt(k - 2);
      if (whole === undefined) return false;
      ratingStart = k - 2;
      value = whole + 0.5;
    } else {
      value = (numerator / value) * 5;
    }
  } else if (value === 10) {
    ratingValence = OFF_THE_SCALE;
    return true;
  }
  const valence = starValence(value);
  if (valence === undefined) return false;
  ratingValence = valence;
  return true;
}

/** The valence of a rating of `value` stars out of five (between whole stars, interpolated). */
function starValence(value: number): number | undefined {
  if (value > 5) return undefined;
  const below = Math.floor(value);
  const above = Math.min(5, below + 1);
  const part = value - below;
  return STAR_VALENCE[below]! * (1 - part) + STAR_VALENCE[above]! * part;
}

/** What a star rating before it classes rather than rates: "a 5-star hotel". */
const STAR_CLASSES = new Set([
  'hotel',
  'hotels',
  'resort',
  'resorts',
  'restaurant',
  'restaurants',
  'rated',
  'rating',
  'ratings',
  'general',
]);
/** A rating written as one word: "a 1-star review", "five-star service". */
const HYPHENED_STARS = /^(\d|one|two|three|four|five)-stars?$/;

/** What says a fault has left: "the crash is gone", "the error went away", "the bug is fixed". */
const REMOVED = new Set([
  'gone',
  'disappeared',
  'disappears',
  'vanished',
  'fixed',
  'resolved',
  'solved',
  'sorted',
  'cleared',
]);
/** Words between a fault and its removal: "the crash is now completely gone". */
const REMOVAL_FILLERS = new Set([
  'is',
  'was',
  'has',
  'have',
  'had',
  'been',
  'are',
  'were',
  'seems',
  'seem',
  'to',
  'be',
  'now',
  'finally',
  'completely',
  'totally',
  'fully',
  'all',
  'entirely',
  'got',
  'gets',
  'just',
]);
/** A remedy that did nothing ("solved nothing"), as bad as "not fixed". */
const NOTHING_DONE = -1.6;
/** A remedy asked for ("needs to be fixed"): the fault is still there. */
const DEMANDED_REMEDY = -1.2;
/** What asks for a remedy: "we need this fixed", "it must be resolved", "has to be sorted". */
const DEMANDS = new Set(['need', 'needs', 'needed', 'want', 'wants', 'must', 'should']);
/** Words between a demand and its remedy: "need this to be fixed", "has to be resolved". */
const DEMAND_FILLERS = new Set(['it', 'this', 'that', 'these', 'them', 'to', 'be', 'get', 'got']);

/** Remedies told to be done: "Fix it.", "Please resolve this", "can you repair it?". */
const REMEDY_VERBS = new Set(['fix', 'resolve', 'solve', 'repair']);
/** Words before a remedy told to be done: "please fix", "can you please fix". */
const BIDDING = new Set(['please', 'pls', 'plz', 'kindly', 'just']);

/** What a remedy told to be done is done to when it names no fault: "fix it", "fix this". */
const FAULT_POINTERS = new Set(['it', 'this', 'that', 'these', 'them', 'asap']);

/**
 * Whether the remedy verb at token k is told to be done to a fault: "fix it", "fix this", "fix
 * the crash"; not "fix my address to 12 High Street" (a change asked for).
 */
function faultToRemedy(k: number): boolean {
  if (tokenKind[k + 1] !== WORD) return true;
  if (FAULT_POINTERS.has(tokenKey[k + 1]!)) return true;
  for (let j = k + 1; j <= k + 3 && j < tokenCount && tokenKind[j] === WORD; j++) {
    if ((WORD_VALENCE.get(tokenKey[j]!) ?? 0) < 0) return true;
  }
  return false;
}

/**
 * Whether the remedy at token k is asked for, not done: "need it fixed", "has to be resolved",
 * and told to be done to a fault: "Please fix this.", "Can you fix it?".
 */
function demanded(k: number): boolean {
  if (REMEDY_VERBS.has(tokenKey[k]!) && faultToRemedy(k)) {
    let j = k - 1;
    while (j >= 0 && tokenKind[j] === WORD && BIDDING.has(tokenKey[j]!)) j--;
    if (j < 0 || tokenKind[j] !== WORD) return true;
    if (tokenKey[j] === 'you' && ASKING_MODALS.has(tokenKey[j - 1] ?? '')) return true;
  }
  let j = k - 1;
  while (j >= 0 && tokenKind[j] === WORD && DEMAND_FILLERS.has(tokenKey[j]!)) j--;
  if (j < 0 || tokenKind[j] !== WORD) return false;
  const key = tokenKey[j]!;
  if (DEMANDS.has(key)) return true;
  return (key === 'has' || key === 'have') && tokenKey[j + 1] === 'to';
}

/**
 * Whether the "finally" at token k asks, after a wait, for what others were to do: in a question,
 * its clause names before it how and whom it asks ("Can someone finally look at this?", "Will this
 * finally be fixed?"). "Am I finally growing up?" and "Is it finally fixed?" wonder; "Finally it
 * works, can you close the ticket?" is relief.
 */
function impatient(k: number): boolean {
  if (!sentenceAsks(k)) return false;
  let modal = false;
  let party = false;
  for (let j = k - 1; j >= 0 && tokenKind[j] === WORD; j--) {
    if (AWAITING_MODALS.has(tokenKey[j]!)) modal = true;
    else if (AWAITED.has(tokenKey[j]!)) party = true;
  }
  return modal && party;
}

/** Verbs of doing that achieve nothing with "nothing": "it did nothing", "changed nothing". */
const DOING = new Set(['did', 'does', 'changed', 'changes']);
/** After "nothing", words that make it something: "nothing short of a miracle", "nothing but". */
const NOTHING_BUT = new Set(['short', 'less', 'but', 'else']);

/**
 * Whether token k is done for nothing: followed by "nothing", not "nothing short of" (praise) nor
 * "nothing wrong" (a defence: the bad word after "nothing" is denied).
 */
function didNothing(k: number): boolean {
  if (tokenKey[k + 1] !== 'nothing' || tokenKind[k + 1] !== WORD) return false;
  const after = tokenKind[k + 2] === WORD ? tokenKey[k + 2]! : undefined;
  if (after === undefined) return true;
  return !NOTHING_BUT.has(after) && !((WORD_VALENCE.get(after) ?? 0) < 0);
}
/** A fault that has left is good news, as much as "fixed". */
const FAULT_REMOVED = 1.3;

/**
 * A fault said to have left ("The crash is gone.", "The error went away.", "The problem no longer
 * appears.", "The bug is fixed.") is good news: the fault and its removal weigh as one item, as
 * much as "fixed" (or the removal word, if that is more). Not when denied ("is not gone") or
 * asked ("is the crash gone?" is damped as a question).
 */
function weighRemovedFaults(): void {
  for (let n = 0; n < itemCount; n++) {
    if (itemWeight[n]! >= 0 || tokenKind[itemStart[n]!] !== WORD) continue;
    if (tokenKey[itemStart[n]!] === 'finally') continue; // impatience, not a fault
    const removal = removalAfter(itemEnd[n]!);
    if (removal === -1) continue;
    let weight = FAULT_REMOVED;
    for (let m = n + 1; m < itemCount && itemStart[m]! <= removal; m++) {
      weight = Math.max(weight, itemWeight[m]!);
      itemWeight[m] = 0;
    }
    itemWeight[n] = weight;
    itemEnd[n] = removal;
  }
}

/** The last token of a removal said right after token k ("is gone", "went away", "no longer appears"), or -1. */
function removalAfter(k: number): number {
  let j = k + 1;
  while (j < tokenCount && tokenKind[j] === WORD && REMOVAL_FILLERS.has(tokenKey[j]!)) j++;
  if (j >= tokenCount || tokenKind[j] !== WORD) return -1;
  const key = tokenKey[j]!;
  if (REMOVED.has(key)) return j;
  if ((key === 'went' || key === 'goes' || key === 'go') && tokenKey[j + 1] === 'away')
    return j + 1;
  if (key === 'no' && tokenKey[j + 1] === 'longer' && tokenKind[j + 2] === WORD) return j + 2;
  return -1;
}

/** Whose fault the writer owns: "my mistake", "our fault". */
const OWNERS = new Set(['my', 'our']);
const OWNED_FAULTS = new Set(['mistake', 'bad', 'fault', 'error']);
/** Words of a later clause that keep a complaint after owning a fault: the desk, or trouble that goes on. */
const BLAMING = new Set([...PERSISTING, 'you', 'your', "you're", 'keeps', 'keep']);
/**
 * Words by which the fault is put on the writer by someone else: "Apparently it's my fault",
 * "I was told it was my mistake", "they claim it's our fault". The writer is blamed, not owning.
 */
const HEARSAY = new Set([
  'apparently',
  'supposedly',
  'allegedly',
  'told',
  'claim',
  'claims',
  'claimed',
  'insist',
  'insists',
  'insisted',
]);
/** Apologies for a fault the writer owns. */
const APOLOGIES = new Set(['sorry', 'apologies', 'oops', 'whoops']);
/** "the issue was on our side", "it's on my end": where the fault lay. */
const SIDES = new Set(['side', 'end']);

/** Whether token k ends a clause: a comma, a full stop, the end of the message. */
const endsClause = (k: number): boolean => k >= tokenCount || tokenKind[k] !== WORD;

/**
 * Whether the writer owns the fault at token k, said as a remark of its own: "Sorry, my mistake,
 * the cable was loose", "it was our fault.", "the issue was on our side." Not when denied ("not
 * my fault", "wasn't on our end"), blamed on the desk ("on your end"), or regretted ("my mistake
 * was buying this"): the fault owned must end its clause.
 */
function ownsFault(k: number): boolean {
  const key = tokenKey[k]!;
  if ((key === 'i' || key === 'we') && tokenKind[k] === WORD) return ownsAct(k);
  if (!OWNERS.has(key) || tokenKind[k] !== WORD) return false;
  for (let j = k - 1; j >= 0 && tokenKind[j] === WORD; j--) {
    if (HEARSAY.has(tokenKey[j]!)) return false;
  }
  const before = k > 0 && tokenKind[k - 1] === WORD ? tokenKey[k - 1]! : '';
  if (OWNED_FAULTS.has(tokenKey[k + 1]!) && tokenKind[k + 1] === WORD && endsClause(k + 2)) {
    // "not my fault", "isn't my fault"; not "The upload failed, my bad" (across the comma).
    const twoBack = k > 1 && tokenKind[k - 1] === WORD && tokenKind[k - 2] === WORD;
    return !isNegator(before) && !(twoBack && isNegator(tokenKey[k - 2]!));
  }
  // "was on our side": the copula right before "on", so "not"/"still broken" in between fail.
  return (
    SIDES.has(tokenKey[k + 1]!) &&
    endsClause(k + 2) &&
    before === 'on' &&
    k > 1 &&
    tokenKind[k - 2] === WORD &&
    (COPULAS.has(tokenKey[k - 2]!) || tokenKey[k - 2]!.endsWith("'s"))
  );
}

/** Words that join a clause: "..., and the hotel was filthy", "... then it crashed". */
const JOINERS = new Set(['and', 'then', 'so']);
/** Words that open a clause of its own subject: "and your system ...", "and now ...". */
const SUBJECTS = new Set([
  'you',
  'your',
  'the',
  'it',
  'its',
  "it's",
  'they',
  'their',
  'he',
  'she',
  'nobody',
  'no',
  'now',
  'this',
  'that',
  'all',
  'my',
  'our',
  'then',
]);
const newSubject = (k: number): boolean =>
  k < tokenCount && tokenKind[k] === WORD && SUBJECTS.has(tokenKey[k]!);

/** What a writer does wrong: "I sent the wrong photo", "we entered the wrong date". */
const OWN_ACTS = new Set([
  'sent',
  'entered',
  'typed',
  'picked',
  'chose',
  'selected',
  'gave',
  'used',
  'ordered',
  'clicked',
  'booked',
  'put',
  'uploaded',
  'attached',
]);

/**
 * Whether "I"/"we" at token k owns a fault by what they did: "I made a mistake", "we made an
 * error", "I sent the wrong photo". Not "I didn't make a mistake" (no "made" after the subject).
 */
function ownsAct(k: number): boolean {
  if (tokenKind[k + 1] !== WORD || tokenKind[k + 2] !== WORD || tokenKind[k + 3] !== WORD) {
    return false;
  }
  const [verb, article, noun] = [tokenKey[k + 1]!, tokenKey[k + 2]!, tokenKey[k + 3]!];
  if (verb === 'made') return (article === 'a' || article === 'an') && OWNED_FAULTS.has(noun);
  return OWN_ACTS.has(verb) && (article === 'the' || article === 'a') && noun === 'wrong';
}

/**
 * A fault the writer owns blames no one at the desk: the faults from its clause to the end of its
 * sentence ("The crash was my fault.", "Sorry, my mistake, the cable was loose.") and the
 * sentence's apologies weigh nothing, up to a "but" ("My bad, but the app still crashes."). A
 * face keeps its weight: it shows the mood.
 */
function weighOwnedFaults(): void {
  let sentenceStart = 0;
  let owned = -1;
  for (let k = 0; k <= tokenCount; k++) {
    if (k < tokenCount && tokenKind[k] !== SENTENCE_END) {
      if (owned === -1 && ownsFault(k)) owned = k;
      continue;
    }
    if (owned !== -1) {
      // From the clause that owns the fault to the sentence's end or a "but".
      let from = owned;
      while (from > sentenceStart && tokenKind[from - 1] === WORD) {
        if (CONTRASTS.has(tokenKey[from - 1]!)) break;
        from--;
      }
      // Said as an afterthought ("The cable was loose, my bad."), it owns the clause before it,
      // unless that clause blames the desk or says the trouble goes on.
      if (from === owned && from > sentenceStart && tokenKind[from - 1] === CLAUSE_BREAK) {
        let before = from - 1;
        while (before > sentenceStart && tokenKind[before - 1] === WORD) before--;
        if (!wordBetween(before - 1, from, BLAMING) && !wordBetween(before - 1, from, CONTRASTS)) {
          from = before;
        }
      }
      // On to the sentence's end, a "but", or a later clause that blames the desk or says the
      // trouble goes on ("my mistake, the app is still broken", "..., your support is awful").
      let to = owned;
      let clauseStart = -1;
      while (to < k) {
        if (tokenKind[to] === CLAUSE_BREAK) clauseStart = to;
        else if (tokenKind[to] === WORD && CONTRASTS.has(tokenKey[to]!)) break;
        // "I ordered the wrong size because your site is confusing": the reason may blame.
        else if (tokenKind[to] === WORD && tokenKey[to] === 'because') break;
        // "I used the wrong card and your system charged me twice": a new subject is its own.
        else if (tokenKind[to] === WORD && JOINERS.has(tokenKey[to]!) && newSubject(to + 1)) {
          break;
        } else if (clauseStart !== -1 && tokenKind[to] === WORD && BLAMING.has(tokenKey[to]!)) {
          to = clauseStart;
          break;
        }
        to++;
      }
      for (let n = 0; n < itemCount; n++) {
        const at = itemStart[n]!;
        if (itemWeight[n]! >= 0 || tokenKind[at] !== WORD) continue;
        // The apology for it goes with it: "Sorry, my mistake", "Sorry, but it was my fault".
        if (
          (at >= from && at < to) ||
          (at >= sentenceStart && at < k && APOLOGIES.has(tokenKey[at]!))
        ) {
          itemWeight[n] = 0;
        }
      }
    }
    sentenceStart = k + 1;
    owned = -1;
  }
}

/** What asks for help rather than praising it: "I need help", "can you help", "please help". */
const HELP_ASKED_BY = new Set(['need', 'needs', 'needed', 'want', 'please']);
/** "can you help": a modal before whom the help is asked of ("would help" praises a remedy). */
const ASKING_MODALS = new Set(['can', 'could', 'would', 'will']);
/** Words after which "please" is the verb: "designed to please", "it will please you". */
const PLEASE_AS_VERB_AFTER = new Set([
  'to',
  'will',
  'would',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
  'cannot',
  "won't",
  "can't",
]);
/** Whom a wish for service is addressed to: "Hope you can fix it", "hoping someone can help". */
const SERVICE_WISHED_OF = new Set(['you', 'u', 'someone', 'somebody', 'anyone', 'anybody']);
/** Parties a customer waits on: "Can someone finally look?", "Will this finally be fixed?". */
const AWAITED = new Set([...SERVICE_WISHED_OF, 'this', 'it']);
/** How a question asks for what is awaited: "can you finally", "when will it finally". */
const AWAITING_MODALS = new Set([...ASKING_MODALS, 'when']);

/**
 * Requests weigh nothing: a "please" that asks for something ("Please confirm the date.", "Could
 * you reset it please?"), help asked for ("I need help with my invoice.", "Can you help me?") and a
 * wish addressed to the desk ("Hope you can help.", "Hope you are well."). A request is how a ticket
 * begins, not a view of the matter; "Thanks for your help" and "Hope it works now" keep theirs.
 */
function weighRequests(): void {
  for (let n = 0; n < itemCount; n++) {
    const k = itemStart[n]!;
    if (k !== itemEnd[n]! || tokenKind[k] !== WORD) continue;
    const key = tokenKey[k]!;
    let asked = false;
    if (key === 'kindly') {
      // "Kindly advise.", "Hello, kindly send me the quote", "could you kindly check": a request
      // formula; "he kindly helped" thanks.
      const opens = k === 0 || tokenKind[k - 1] !== WORD;
      asked =
        tokenKind[k + 1] === WORD &&
        (opens || (tokenKey[k - 1] === 'you' && ASKING_MODALS.has(tokenKey[k - 2] ?? '')));
    } else if (key === 'please' || key === 'pls' || key === 'plz') {
      const verb = k > 0 && tokenKind[k - 1] === WORD && PLEASE_AS_VERB_AFTER.has(tokenKey[k - 1]!);
      if (verb) continue;
      // "Can someone PLEASE respond", "pleeease": shouted amid plain words, it pleads; not in
      // a formula ("PLEASE NOTE:", "PLEASE find attached").
      const lone = tokenCaps[k - 1] !== 1 && tokenCaps[k + 1] !== 1;
      if (
        tokenCaps[k] === 1 &&
        capsWords < letterWords &&
        lone &&
        !PLEASE_FORMULAS.has(tokenKey[k + 1]!)
      ) {
        itemWeight[n] = PLEADING;
        continue;
      }
      asked = tokenKind[k + 1] === WORD || sentenceAsks(k);
    } else if (key === 'help') {
      for (let j = k - 1; j >= 0 && j >= k - 3 && tokenKind[j] === WORD; j--) {
        if (HELP_ASKED_BY.has(tokenKey[j]!)) asked = true;
      }
      // "can you help", and "you can help" after a wish ("Hope you can help.").
      const [one, two] = [tokenKey[k - 1] ?? '', tokenKey[k - 2] ?? ''];
      if (SERVICE_WISHED_OF.has(one) && ASKING_MODALS.has(two)) asked = true;
      if (ASKING_MODALS.has(one) && SERVICE_WISHED_OF.has(two)) asked = true;
    } else if (key === 'hope' || key === 'hoping') {
      asked = tokenKind[k + 1] === WORD && SERVICE_WISHED_OF.has(tokenKey[k + 1]!);
    }
    if (asked) itemWeight[n] = 0;
  }
}

/** Whether the sentence holding token k ends in a question mark. */
function sentenceAsks(k: number): boolean {
  let j = k;
  while (j < tokenCount && tokenKind[j] !== SENTENCE_END) j++;
  for (; j < tokenCount && tokenKind[j] === SENTENCE_END; j++) if (tokenKey[j] === '?') return true;
  return false;
}

/** Words that may come before an ironic opener: "Oh great, ...", "Just perfect, ...". */
const IRONY_LEAD_INS = new Set(['oh', 'just', 'well', 'yeah', 'yay', 'ah', 'wow', 'i']);
/** Praise said as an exclamation, the form irony takes: "Great, ...", "Perfect, ...". */
const IRONIC_OPENERS = new Set([
  'great',
  'perfect',
  'wonderful',
  'fantastic',
  'awesome',
  'brilliant',
  'lovely',
  'terrific',
  'excellent',
  'super',
  'splendid',
  'marvelous',
  'marvellous',
  'nice',
  'fabulous',
]);
/** What tells of something to come: "will", "tomorrow", "scheduled to end". */
const COMING = new Set([
  'will',
  'shall',
  'gonna',
  'tomorrow',
  'soon',
  'scheduled',
  'later',
  'tonight',
  'replace',
  'replaced',
  'replacing',
]);
/** Praise said alone after a complaint, mocking it: "Great.", "Really helpful.", "Love it." */
const IRONIC_CLOSERS = new Set([...IRONIC_OPENERS, 'helpful', 'unbelievable', 'love', 'loving']);
/** Words that may come before a closer: "Just perfect.", "Really helpful.", "So helpful!". */
const CLOSER_LEAD_INS = new Set([...IRONY_LEAD_INS, 'really', 'so', 'very', 'super']);
/** What says the trouble is back: "Great, another outage.", "Perfect, now nothing works." */
const RECURRENCE = new Set(['another', 'again', 'still', 'now', 'yet']);
/** "love how ...", "love it when ...", "love that ...": the praise is for what follows. */
const LOVE_WORDS = new Set(['love', 'loving', 'loved']);
const LOVE_OBJECTS = new Set(['how', 'when', 'that', 'it']);

/**
 * Irony: praise that opens a sentence whose rest complains mocks, and adds to the complaint: an
 * exclaimed "Great, ..." when the trouble is back ("Great, another outage.", "Perfect, now nothing
 * works.") or led in by "oh"/"just" ("Oh wonderful, it crashed."), and "I love how ..." ("I love
 * how nobody answers."). A list of mixed praise ("Funny, sad and romantic.") is not irony.
 */
function weighIrony(): void {
  weighUpsideDown();
  for (let n = 0; n < itemCount; n++) {
    if (itemWeight[n]! <= 0) continue;
    const opener = ironicOpener(n);
    if (opener === undefined) {
      if (wryPraise(n)) itemWeight[n] = itemWeight[n]! * IRONY;
      continue;
    }
    // "Great. Another outage.": an opener said on its own is about the sentence after it.
    let end = itemEnd[n]! + 1;
    while (end < tokenCount && tokenKind[end] === SENTENCE_END) end++;
    while (end < tokenCount && tokenKind[end] !== SENTENCE_END) end++;
    let rest = 0;
    for (let m = n + 1; m < itemCount && itemStart[m]! < end; m++) rest += itemWeight[m]!;
    // "I love how I have to restart it every morning": a chore imposed is the complaint.
    if (
      opener === 'love' &&
      rest === 0 &&
      imposed(itemEnd[n]!, end) &&
      !wordBetween(itemEnd[n]!, end, NO_CHORE)
    ) {
      rest = -1;
    }
    // "Great, but it fails" concedes (see weighContrast); it does not mock.
    if (rest >= 0 || wordBetween(itemEnd[n]!, end, CONTRASTS)) continue;
    if (opener === 'exclaimed' && !wordBetween(itemEnd[n]!, end, RECURRENCE)) continue;
    itemWeight[n] = itemWeight[n]! * IRONY;
  }
  for (let n = 0; n < itemCount; n++) {
    if (itemWeight[n]! > 0 && (ironicCloser(n) || thanksForHarm(n))) {
      itemWeight[n] = itemWeight[n]! * IRONY;
      // "Wow, thanks for ...": the exclamation leading the sarcasm in is sarcastic too.
      for (let m = n - 1; m >= 0 && leadsIn(m, itemStart[n]!); m--) {
        if (itemWeight[m]! > 0) itemWeight[m] = itemWeight[m]! * IRONY;
      }
    }
  }
}

/** Whether item m is a lead-in word right before token k, with only lead-ins or a comma between. */
function leadsIn(m: number, k: number): boolean {
  const at = itemStart[m]!;
  if (at !== itemEnd[m]! || tokenKind[at] !== WORD || !IRONY_LEAD_INS.has(tokenKey[at]!)) {
    return false;
  }
  for (let j = at + 1; j < k; j++) {
    if (tokenKind[j] === CLAUSE_BREAK) continue;
    if (tokenKind[j] !== WORD || !IRONY_LEAD_INS.has(tokenKey[j]!)) return false;
  }
  return at === 0 || tokenKind[at - 1] !== WORD || IRONY_LEAD_INS.has(tokenKey[at - 1]!);
}

/**
 * Whether item n thanks someone for a harm, which is sarcasm: "Thanks for wasting my time.",
 * "Thank you for breaking my printer.", "Thanks so much for ignoring my e-mails." The harm must
 * be what is done ("for ruining"), not what was worked on ("Thanks for looking into the problem")
 * nor a fault removed ("Thanks for stopping the duplicate charges").
 */
function thanksForHarm(n: number): boolean {
  const start = itemStart[n]!;
  if (tokenKey[start] !== 'thanks' && tokenKey[start] !== 'thank') return false;
  // A name or "so much" may come between: "Thanks Anna for ...", "Thanks so much for ...".
  let k = itemEnd[n]! + 1;
  for (let skipped = 0; skipped < 2 && tokenKind[k] === WORD && tokenKey[k] !== 'for'; skipped++) {
    k++;
  }
  if (tokenKind[k] !== WORD || tokenKey[k] !== 'for') return false;
  if (tokenKind[k + 1] === WORD && HARMS.has(tokenKey[k + 1]!)) return true;
  // "Thanks for cancelling my order without telling me": done behind the customer's back.
  for (let j = k + 2; j < tokenCount && tokenKind[j] === WORD; j++) {
    if (tokenKey[j] === 'without' && UNASKED.has(tokenKey[j + 1] ?? '') && unaskedFor(j + 1)) {
      return true;
    }
  }
  return false;
}

/**
 * Whether the "telling/asking ..." at token k was owed to the customer: "without telling me",
 * "without asking", "without my consent"; not "without asking any questions" (no fuss) nor
 * "without asking me to reinstall" (spared a chore).
 */
function unaskedFor(k: number): boolean {
  const next = tokenKind[k + 1] === WORD ? tokenKey[k + 1]! : '';
  if (next === 'any' || next === 'questions' || next === 'for') return false;
  if ((next === 'me' || next === 'us') && tokenKind[k + 2] === WORD) {
    const after = tokenKey[k + 2]!;
    if (after === 'to' || after === 'for' || after === 'any' || after === 'questions') return false;
  }
  return true;
}

/** What was not done when something was done behind a customer's back: "without telling me". */
const UNASKED = new Set([
  'telling',
  'asking',
  'warning',
  'notice',
  'notifying',
  'informing',
  'consent',
  'permission',
  'consulting',
]);

/** Harms done to a customer; "Thanks for cancelling/stopping/blocking ..." are real thanks. */
const HARMS = new Set([
  'wasting',
  'ignoring',
  'breaking',
  'ruining',
  'wrecking',
  'losing',
  'messing',
  'screwing',
  'overcharging',
]);

/**
 * Whether item n is praise said as a sentence of its own right after a complaint of trouble that
 * is back, which mocks it: "The server is down again. Great.", "It crashed again. Just perfect!",
 * "It logged me out again. Really helpful.", "... again. Love it.". Not after a concession ("It
 * was slow, but it works now. Great.") nor while a fix is on its way ("They will replace it
 * tomorrow. Great!").
 */
function ironicCloser(n: number): boolean {
  const start = itemStart[n]!;
  let end = itemEnd[n]!;
  if (start !== end || !IRONIC_CLOSERS.has(tokenKey[start]!)) return false;
  // "Love it.", "Loving it!"
  if (LOVE_WORDS.has(tokenKey[start]!)) {
    if (tokenKey[end + 1] !== 'it') return false;
    end++;
  }
  if (end + 1 < tokenCount && tokenKind[end + 1] !== SENTENCE_END) return false;
  let k = start - 1;
  while (k >= 0 && tokenKind[k] === WORD && CLOSER_LEAD_INS.has(tokenKey[k]!)) k--;
  if (k < 0 || tokenKind[k] !== SENTENCE_END) return false;
  while (k > 0 && tokenKind[k - 1] === SENTENCE_END) k--;
  const sentenceEnd = k;
  while (k > 0 && tokenKind[k - 1] !== SENTENCE_END) k--;
  if (wordBetween(k - 1, sentenceEnd, CONTRASTS)) return false;
  // Only trouble that is back ("It crashed again. Great.") or a sentence already read as sarcasm
  // ("Thanks for wasting my time. Brilliant.") is mocked: "My parcel was lost and you sent a new
  // one. Really helpful." is meant, and so is praise while a fix is on its way.
  if (
    (!wordBetween(k - 1, sentenceEnd, RECURRENCE) && !mockedBetween(k, sentenceEnd)) ||
    wordBetween(k - 1, sentenceEnd, REMEDY) ||
    wordBetween(k - 1, sentenceEnd, COMING)
  ) {
    return false;
  }
  let complaint = 0;
  for (let m = 0; m < n; m++) {
    if (itemStart[m]! >= k && itemStart[m]! < sentenceEnd) complaint += itemWeight[m]!;
  }
  return complaint < 0;
}

/**
 * How item n may open a sentence ironically: "love" before "how", "when" or "that"; an exclaimed
 * word of praise set apart by a comma or as a sentence of its own, led in by "oh", "just" or the
 * like ("led in") or not.
 */
function ironicOpener(n: number): 'love' | 'led in' | 'exclaimed' | undefined {
  const start = itemStart[n]!;
  const end = itemEnd[n]!;
  let k = start - 1;
  while (k >= 0 && tokenKind[k] === WORD && IRONY_LEAD_INS.has(tokenKey[k]!)) k--;
  if (k >= 0 && tokenKind[k] !== SENTENCE_END && tokenKind[k] !== CLAUSE_BREAK) return undefined;
  const key = tokenKey[start]!;
  if (start !== end || end + 1 >= tokenCount) return undefined;
  if (LOVE_WORDS.has(key)) return LOVE_OBJECTS.has(tokenKey[end + 1]!) ? 'love' : undefined;
  const apart = tokenKind[end + 1] === CLAUSE_BREAK || tokenKind[end + 1] === SENTENCE_END;
  if (!IRONIC_OPENERS.has(key) || !apart) return undefined;
  return k + 1 < start && tokenKey[start - 1] !== 'i' ? 'led in' : 'exclaimed';
}

/** Words that say yes: they affirm what follows rather than praise. */
const AFFIRMATIONS = new Set(['yes', 'yeah', 'yep', 'yup', 'yea', 'yah']);

/**
 * A yes affirms what follows: before a complaint it agrees with it and weighs nothing ("Yep,
 * still broken.", "Yes, I am angry.", "Yup. Delayed again."); before praise or alone it keeps its
 * small weight ("Yes! It works.", "Yep."), and "Yeah, but ..." is a concession.
 */
function weighAffirmations(): void {
  for (let n = 0; n < itemCount; n++) {
    const start = itemStart[n]!;
    if (start !== itemEnd[n]! || tokenKind[start] !== WORD || itemWeight[n]! <= 0) continue;
    if (!AFFIRMATIONS.has(tokenKey[start]!)) continue;
    // "Yeah, but ..." concedes: see weighContrast.
    const next = tokenKind[start + 1] === CLAUSE_BREAK ? start + 2 : start + 1;
    if (tokenKind[next] === WORD && CONTRASTS.has(tokenKey[next]!)) continue;
    // What it affirms: the rest of its sentence, or the next one when said on its own.
    let end = start + 1;
    while (end < tokenCount && tokenKind[end] === SENTENCE_END) end++;
    while (end < tokenCount && tokenKind[end] !== SENTENCE_END) end++;
    let rest = 0;
    for (let m = n + 1; m < itemCount && itemStart[m]! < end; m++) rest += itemWeight[m]!;
    if (rest < 0) itemWeight[n] = 0;
  }
}

/** Words that only acknowledge: "ok", "okay", "alright", "fine". */
const ACKNOWLEDGEMENTS = new Set(['ok', 'okay', 'k', 'kk', 'alright', 'okey', 'fine']);

/**
 * A message that only acknowledges ("ok", "Okay.", "alright") takes note; it is no praise. "ok
 * thanks" and "the fix is ok" keep theirs.
 */
function weighAcknowledgement(): void {
  for (let k = 0; k < tokenCount; k++) {
    if (tokenKind[k] === EMOTICON) return;
    if (tokenKind[k] === WORD && !ACKNOWLEDGEMENTS.has(tokenKey[k]!)) return;
  }
  for (let n = 0; n < itemCount; n++) itemWeight[n] = 0;
}

/** "Great app, sync is a bit slow though :/": praise that concedes a fault, meant. */
const CONCEDING = new Set(['though', 'although', 'tho']);
/** Faces that say "yeah, right": a wry face after praise takes it back. */
const WRY_FACES = new Set([':/', ':-/', ':\\', ':-\\', '-_-', '🙄', '😒', '🙃']);

/** Faces that only say "I don't mean it": every word of praise of their sentence is irony. */
const IRONIC_FACES = new Set(['🙃']);

/**
 * The upside-down face takes back the praise of the sentence it ends, or of the sentence before
 * when it stands alone after it: "Sure, I'll just wait another 2 weeks, no problem at all. 🙃".
 */
function weighUpsideDown(): void {
  for (let face = 0; face < tokenCount; face++) {
    if (tokenKind[face] !== EMOTICON || !IRONIC_FACES.has(tokenKey[face]!)) continue;
    let start = face - 1;
    let end = face + 1;
    while (start >= 0 && tokenKind[start] === SENTENCE_END) start--;
    const alone = start < face - 1 && (end >= tokenCount || tokenKind[end] === SENTENCE_END);
    if (alone) {
      // Alone after its sentence's marks: it is that sentence's face.
      end = start + 1;
    } else {
      // Within a sentence it ends what comes before it ("Oops, I deleted it myself 🙃 all good").
      start = face;
      end = face;
    }
    while (start >= 0 && tokenKind[start] !== SENTENCE_END) start--;
    for (let n = 0; n < itemCount; n++) {
      const at = itemStart[n]!;
      if (at > start && at < end && tokenKind[at] === WORD && itemWeight[n]! > 0) {
        itemWeight[n] = itemWeight[n]! * IRONY;
      }
    }
  }
}

/**
 * Whether item n is praise opening a sentence about a harm that ends with a wry face, which
 * mocks it: "Love a good last minute emergency :/", "Great update, lost all my settings 🙄".
 */
function wryPraise(n: number): boolean {
  const start = itemStart[n]!;
  let k = start - 1;
  while (k >= 0 && tokenKind[k] === WORD && IRONY_LEAD_INS.has(tokenKey[k]!)) k--;
  if (k >= 0 && tokenKind[k] !== SENTENCE_END) return false;
  let end = itemEnd[n]! + 1;
  while (end < tokenCount && tokenKind[end] !== SENTENCE_END) end++;
  const face = end - 1;
  if (tokenKind[face] !== EMOTICON || !WRY_FACES.has(tokenKey[face]!)) return false;
  if (wordBetween(itemEnd[n]!, end, CONTRASTS) || wordBetween(itemEnd[n]!, end, CONCEDING)) {
    return false;
  }
  for (let m = n + 1; m < itemCount && itemStart[m]! < face; m++) {
    if (itemWeight[m]! < 0 && tokenKind[itemStart[m]!] === WORD) return true;
  }
  return false;
}

/** Whether a chore imposed on the writer is told between two tokens: "I have to", "we had to". */
const imposed = (from: number, to: number): boolean => {
  for (let k = from + 1; k + 2 < to; k++) {
    if (
      (tokenKey[k] === 'i' || tokenKey[k] === 'we') &&
      OBLIGED.has(tokenKey[k + 1]!) &&
      tokenKey[k + 2] === 'to'
    ) {
      return true;
    }
  }
  return false;
};
const OBLIGED = new Set(['have', 'had', 'need', 'needed']);
/** "I love how I have to do nothing", "... only once a month": no chore at all. */
const NO_CHORE = new Set(['nothing', 'only', 'once', 'never', 'just']);

/** Whether an item between tokens from and to is thanks read as sarcasm. */
const mockedBetween = (from: number, to: number): boolean => {
  for (let m = 0; m < itemCount; m++) {
    const at = itemStart[m]!;
    if (at >= from && at < to && itemWeight[m]! < 0 && THANKS.has(tokenKey[at]!)) return true;
  }
  return false;
};
const THANKS = new Set(['thanks', 'thank']);

const wordBetween = (from: number, to: number, words: ReadonlySet<string>): boolean => {
  for (let k = from + 1; k < to; k++) {
    if (tokenKind[k] === WORD && words.has(tokenKey[k]!)) return true;
  }
  return false;
};

/** Contrast: what precedes the first "but" counts for less, what follows for more. */
function weighContrast(): void {
  let contrast = -1;
  for (let k = 0; k < tokenCount; k++) {
    if (tokenKind[k] === WORD && CONTRASTS.has(tokenKey[k]!)) {
      contrast = k;
      break;
    }
  }
  // A message that opens with "But" contrasts with nothing we can see.
  if (contrast === -1 || itemCount === 0 || itemStart[0]! > contrast) return;
  for (let n = 0; n < itemCount; n++) {
    itemWeight[n] = itemWeight[n]! * (itemStart[n]! < contrast ? BEFORE_CONTRAST : AFTER_CONTRAST);
  }
}

/** "Although it is slow, it works": what is conceded counts for less, as before "but". */
function weighConcessions(): void {
  if (itemCount === 0) return;
  for (let k = 0; k < tokenCount; k++) {
    if (tokenKind[k] !== WORD || !concedes(k)) continue;
    let end = k + 1;
    while (end < tokenCount && (tokenKind[end] === WORD || tokenKind[end] === EMOTICON)) end++;
    for (let n = 0; n < itemCount; n++) {
      if (itemStart[n]! > k && itemStart[n]! < end) {
        itemWeight[n] = itemWeight[n]! * BEFORE_CONTRAST;
      }
    }
    k = end - 1;
  }
}

/** Whether token k opens a conceded clause: "although", "despite", "in spite of", "(even) though". */
function concedes(k: number): boolean {
  const key = tokenKey[k]!;
  if (key === 'although' || key === 'despite') return true;
  if (key === 'spite')
    return k + 1 < tokenCount && tokenKey[k - 1] === 'in' && tokenKey[k + 1] === 'of';
  if (key !== 'though') return false;
  // "though" ends a clause as often as it opens one ("there is usb, though"); only the opener concedes.
  const before = k === 0 ? undefined : tokenKey[k - 1];
  return k === 0 || tokenKind[k - 1] !== WORD || before === 'and' || before === 'even';
}

/** Words in quotation marks are mostly reported or named (the film "Bad Day"), not asserted. */
function weighQuotations(): void {
  if (!quotesSeen) return;
  for (let n = 0; n < itemCount; n++) {
    if (tokenQuoted[itemStart[n]!] === 1) itemWeight[n] = itemWeight[n]! * QUOTED;
  }
}

/**
 * A sentiment word in a question ("any good films?", "fun...???") is asked about, not asserted;
 * but "why is it so slow?" and "seriously?" are complaints, "still broken?" complains of what is
 * bad, and a face (":(", "😡") shows the writer's mood either way.
 */
function weighQuestions(): void {
  if (questions === 0) return;
  let sentenceStart = 0;
  let complaint = false;
  let persisting = false;
  let n = 0;
  for (let k = 0; k < tokenCount; k++) {
    if (tokenKind[k] === WORD) {
      if (RHETORICAL.has(tokenKey[k]!)) complaint = true;
      else if (PERSISTING.has(tokenKey[k]!)) persisting = true;
    }
    if (tokenKind[k] !== SENTENCE_END) continue;
    // A run of marks ends one sentence: "really...?", "what?!".
    let asked = false;
    let exclaimed = false;
    let last = k;
    for (; last < tokenCount && tokenKind[last] === SENTENCE_END; last++) {
      if (tokenKey[last] === '?') asked = true;
      else if (tokenKey[last] === '!') exclaimed = true;
    }
    // "?!" asks in disbelief ("Is this a joke?!", "You want me to wait a week?!"): it asserts.
    asked &&= !complaint && !exclaimed;
    for (; n < itemCount && itemStart[n]! < k; n++) {
      if (
        asked &&
        itemStart[n]! >= sentenceStart &&
        tokenKind[itemStart[n]!] === WORD &&
        tokenKey[itemStart[n]!] !== 'finally' && // impatience is not asked about
        !(persisting && itemWeight[n]! < 0)
      ) {
        itemWeight[n] = itemWeight[n]! * QUESTION_DAMPING;
      }
    }
    k = last - 1;
    sentenceStart = last;
    complaint = false;
    persisting = false;
  }
}

/**
 * A closing courtesy ("Still not fixed. Thanks.", "It fails again. Please advise.") is a formula
 * of politeness, not a view of the matter: after a complaint it softens it by at most
 * CLOSING_COURTESY and never turns it into praise.
 */
function weighClosingCourtesy(): void {
  if (itemCount < 2) return;
  let end = tokenCount;
  while (end > 0 && (tokenKind[end - 1] === SENTENCE_END || tokenKind[end - 1] === CLAUSE_BREAK))
    end--;
  let start = end;
  while (start > 0 && tokenKind[start - 1] !== SENTENCE_END) start--;
  if (start === 0 || start === end) return;
  for (let k = start; k < end; k++) {
    if (tokenKind[k] === EMOTICON || (tokenKind[k] === WORD && !COURTESY_WORDS.has(tokenKey[k]!)))
      return;
  }
  let complaint = 0;
  let courtesy = 0;
  for (let n = 0; n < itemCount; n++) {
    if (itemStart[n]! < start) complaint += itemWeight[n]!;
    else courtesy += itemWeight[n]!;
  }
  if (complaint >= 0 || courtesy <= 0) return;
  const scale = Math.min(1, (CLOSING_COURTESY * -complaint) / courtesy);
  for (let n = 0; n < itemCount; n++) {
    if (itemStart[n]! >= start) itemWeight[n] = itemWeight[n]! * scale;
  }
}

function punctuationEmphasis(): number {
  let emphasis = Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_BOOST;
  if (questions > 1) emphasis += Math.min(questions * QUESTION_BOOST, MAX_QUESTION_BOOST);
  return emphasis;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Scores a message from -1 (very negative) to 1 (very positive), with the terms that moved it. */
export function analyzeSentiment(text: string): Sentiment {
  if (!tablesCompiled) {
    compileTables();
    tablesCompiled = true;
  }
  tokenize(text);
  findItems();
  weighRequests();
  weighRemovedFaults();
  weighOwnedFaults();
  weighIrony();
  weighAffirmations();
  weighAcknowledgement();
  weighWaits();
  weighContrast();
  weighConcessions();
  weighQuotations();
  weighQuestions();
  weighClosingCourtesy();
  let sum = 0;
  for (let n = 0; n < itemCount; n++) sum += itemWeight[n]!;
  if (sum > 0) sum += punctuationEmphasis();
  else if (sum < 0) sum -= punctuationEmphasis();
  const score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));
  const terms: SentimentTerm[] = [];
  for (let n = 0; n < itemCount; n++) {
    // Merged into another term (a fault's removal) or weighed to nothing: not a reason.
    if (itemWeight[n] === 0) continue;
    terms.push({
      text: text.slice(tokenStart[itemStart[n]!]!, tokenEnd[itemEnd[n]!]!),
      weight: round3(itemWeight[n]!),
    });
  }
  return { score, label: sentimentLabel(score), terms };
}

export {
  formatScore,
  sentimentLabel,
  sentimentTrend,
  type SentimentLabel,
  type SentimentPoint,
  type SentimentTrend,
} from './mood';
