// Past escalations like the one in front of an agent, with how they were resolved: TF-IDF cosine
// over title and description, plus a bonus for the same category. An inverted index (term →
// postings) means a query only touches escalations that share a word with it. Weights: 1 + ln(tf)
// times idf = ln(1 + escalations / escalations with the term).
//
// IDF is a snapshot: the document frequencies and every escalation's vector length are computed
// when the index is built and again whenever it has grown by a tenth (or a tenth of it has been
// replaced) since. In between, added escalations are weighted with the snapshot (a word the
// snapshot never saw counts as rare as a word in one escalation), so query and stored vectors
// always use the same weights, similarities stay within 0..1, and adding stays cheap.
import type { RootCause, Ticket } from '../tickets';
import { isDoneStatus } from '../tickets/ticket';
import { contentWords, noteDisplayWord, stemWord } from './text';

/** One escalation as the index keeps it. */
export interface IndexedEscalation {
  ticketId: string;
  title: string;
  category: string;
  customerId: string;
  status: string;
  createdAt: number;
  resolvedAt?: number;
  rootCause?: RootCause;
  rootCauseNotes?: string;
  /** Its distinct terms and how often each occurs. */
  terms: string[];
  counts: number[];
  /** The length of its TF-IDF vector under the index's snapshot. */
  norm: number;
}

/** The escalations (by slot) a term occurs in. */
export interface SimilarPostings {
  slots: number[];
  /** 1 + ln(term frequency), per slot. */
  weights: number[];
}

/** Past escalations indexed for similarity: plain data, built once and queried many times (structuredClone-able). */
export interface SimilarIndex {
  version: 1;
  /** Indexed escalations by slot; null where one was replaced (until the next refresh). */
  slots: (IndexedEscalation | null)[];
  slotOf: Map<string, number>;
  postings: Map<string, SimilarPostings>;
  /** The IDF snapshot, and how many escalations it was taken over. */
  idf: Map<string, number>;
  idfEscalations: number;
  /** The word to show for a term. */
  display: Map<string, string>;
}

/** Added to the cosine for an escalation in the same category (the sum is capped at 1). */
export const SAME_CATEGORY_BONUS = 0.15;
const DEFAULT_LIMIT = 5;
const DEFAULT_MIN_SIMILARITY = 0.15;
const SHARED_TERMS = 5;
/** Growth (or replaced share) after which the IDF snapshot is retaken. */
const REFRESH_SHARE = 0.1;

function emptyIndex(): SimilarIndex {
  return {
    version: 1,
    slots: [],
    slotOf: new Map(),
    postings: new Map(),
    idf: new Map(),
    idfEscalations: 0,
    display: new Map(),
  };
}

function idfOf(index: SimilarIndex, term: string): number {
  return index.idf.get(term) ?? Math.log(1 + Math.max(1, index.idfEscalations));
}

function termCounts(text: string, display?: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of contentWords(text)) {
    const term = stemWord(word);
    if (display !== undefined) noteDisplayWord(display, term, word);
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

const tfWeight = (count: number) => 1 + Math.log(count);

function normOf(index: SimilarIndex, escalation: IndexedEscalation): number {
  let sum = 0;
  escalation.terms.forEach((term, i) => {
    const weight = tfWeight(escalation.counts[i]!) * idfOf(index, term);
    sum += weight * weight;
  });
  return Math.sqrt(sum);
}

function post(index: SimilarIndex, slot: number, escalation: IndexedEscalation): void {
  escalation.terms.forEach((term, i) => {
    let postings = index.postings.get(term);
    if (postings === undefined) {
      postings = { slots: [], weights: [] };
      index.postings.set(term, postings);
    }
    postings.slots.push(slot);
    postings.weights.push(tfWeight(escalation.counts[i]!));
  });
}

/** Puts a ticket into the index, replacing an earlier version of it; undefined if it is no escalation. */
function insert(index: SimilarIndex, ticket: Ticket): IndexedEscalation | undefined {
  const old = index.slotOf.get(ticket.id);
  if (old !== undefined) {
    index.slots[old] = null;
    index.slotOf.delete(ticket.id);
  }
  if (!ticket.escalated) return undefined;
  const counts = termCounts(`${ticket.title}\n${ticket.description}`, index.display);
  const escalation: IndexedEscalation = {
    ticketId: ticket.id,
    title: ticket.title,
    category: ticket.category,
    customerId: ticket.customerId,
    status: ticket.status,
    createdAt: ticket.createdAt,
    terms: [...counts.keys()],
    counts: [...counts.values()],
    norm: 0,
  };
  if (ticket.resolvedAt !== undefined && isDoneStatus(ticket.status)) {
    escalation.resolvedAt = ticket.resolvedAt;
  }
  if (ticket.rootCause !== undefined) escalation.rootCause = ticket.rootCause;
  if (ticket.rootCauseNotes !== undefined) escalation.rootCauseNotes = ticket.rootCauseNotes;
  const slot = index.slots.length;
  index.slots.push(escalation);
  index.slotOf.set(ticket.id, slot);
  post(index, slot, escalation);
  return escalation;
}

/** Drops replaced slots, retakes the IDF snapshot and recomputes every vector length. */
function refresh(index: SimilarIndex): void {
  const live = index.slots.filter((slot): slot is IndexedEscalation => slot !== null);
  index.slots = live;
  index.slotOf = new Map(live.map((escalation, slot) => [escalation.ticketId, slot]));
  index.postings = new Map();
  live.forEach((escalation, slot) => post(index, slot, escalation));
  index.idf = new Map();
  for (const [term, postings] of index.postings) {
    index.idf.set(term, Math.log(1 + live.length / postings.slots.length));
  }
  index.idfEscalations = live.length;
  for (const escalation of live) escalation.norm = normOf(index, escalation);
}

/** Indexes past escalations (tickets with escalated === true) by TF-IDF of title + description, with their category. */
export function buildSimilarIndex(tickets: Iterable<Ticket>): SimilarIndex {
  const index = emptyIndex();
  for (const ticket of tickets) insert(index, ticket);
  refresh(index);
  return index;
}

/** Adds or replaces one ticket by id (a ticket that is not escalated is taken out); see the IDF note above. */
export function addToSimilarIndex(index: SimilarIndex, ticket: Ticket): void {
  const escalation = insert(index, ticket);
  if (escalation !== undefined) escalation.norm = normOf(index, escalation);
  const live = index.slotOf.size;
  const replaced = index.slots.length - live;
  if (
    live > index.idfEscalations * (1 + REFRESH_SHARE) ||
    replaced > Math.max(16, index.slots.length * REFRESH_SHARE)
  ) {
    refresh(index);
  }
}

/** How many escalations the index holds. */
export function similarIndexSize(index: SimilarIndex): number {
  return index.slotOf.size;
}

/** A past escalation like the ticket, with how it ended. */
export interface SimilarEscalation {
  ticketId: string;
  title: string;
  /** Cosine of the TF-IDF vectors plus SAME_CATEGORY_BONUS for the same category, 0..1. */
  similarity: number;
  sameCategory: boolean;
  sameCustomer: boolean;
  status: string;
  resolvedAt?: number;
  /** Time to resolve, ms. */
  resolutionMs?: number;
  rootCause?: RootCause;
  rootCauseNotes?: string;
  /** The words that matched most, for "why". */
  sharedTerms: string[];
}

/** Resolved with a root cause first, then resolved, then the rest (for equal similarity). */
function outcomeRank(escalation: IndexedEscalation): number {
  if (escalation.resolvedAt === undefined) return 2;
  return escalation.rootCause === undefined ? 1 : 0;
}

interface Hit {
  escalation: IndexedEscalation;
  similarity: number;
}

/** Similarities closer than this are equal (rounding differences of the same text). */
const TIE = 1e-12;

/** Whether hit a ranks before hit b. */
function before(a: Hit, b: Hit): boolean {
  if (Math.abs(a.similarity - b.similarity) > TIE) return a.similarity > b.similarity;
  const rank = outcomeRank(a.escalation) - outcomeRank(b.escalation);
  if (rank !== 0) return rank < 0;
  const at = (hit: Hit) => hit.escalation.resolvedAt ?? hit.escalation.createdAt;
  if (at(a) !== at(b)) return at(a) > at(b);
  return a.escalation.ticketId < b.escalation.ticketId;
}

/** The past escalations most like a ticket, best first (the ticket itself left out), at least `minSimilarity` (default 0.15), at most `limit` (default 5). Resolved ones with a root cause rank above unresolved at equal similarity. */
export function findSimilarEscalations(
  index: SimilarIndex,
  ticket: Pick<Ticket, 'id' | 'title' | 'description' | 'category' | 'customerId'>,
  options: { limit?: number; minSimilarity?: number } = {},
): SimilarEscalation[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  if (limit === 0 || index.slotOf.size === 0) return [];

  const queryWeights = new Map<string, number>();
  let queryNorm = 0;
  for (const [term, count] of termCounts(`${ticket.title}\n${ticket.description}`)) {
    const weight = tfWeight(count) * idfOf(index, term);
    queryWeights.set(term, weight);
    queryNorm += weight * weight;
  }
  queryNorm = Math.sqrt(queryNorm);
  if (queryNorm === 0) return [];

  // Dot products, accumulated along the postings of the query's terms only.
  const dots = new Float64Array(index.slots.length);
  for (const [term, queryWeight] of queryWeights) {
    const postings = index.postings.get(term);
    if (postings === undefined) continue;
    const factor = queryWeight * idfOf(index, term);
    const { slots, weights } = postings;
    for (let k = 0; k < slots.length; k++) dots[slots[k]!]! += factor * weights[k]!;
  }

  // The best `limit` hits, kept in order as they are found. Most escalations touched fall short of
  // the last of them; they are dismissed on the number alone, before anything is allocated.
  const best: Hit[] = [];
  for (let slot = 0; slot < dots.length; slot++) {
    const dot = dots[slot]!;
    if (dot === 0) continue;
    const escalation = index.slots[slot];
    if (escalation === null || escalation === undefined) continue;
    let similarity = dot / (queryNorm * escalation.norm);
    if (escalation.category === ticket.category) similarity += SAME_CATEGORY_BONUS;
    if (similarity > 1) similarity = 1;
    if (similarity < minSimilarity) continue;
    if (best.length === limit && similarity < best[limit - 1]!.similarity - TIE) continue;
    if (escalation.ticketId === ticket.id) continue;
    const hit = { escalation, similarity };
    if (best.length === limit && !before(hit, best[limit - 1]!)) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    while (at > 0 && before(hit, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = hit;
  }

  return best.map(({ escalation, similarity }) => {
    const shared: [term: string, weight: number][] = [];
    escalation.terms.forEach((term, i) => {
      const queryWeight = queryWeights.get(term);
      if (queryWeight === undefined) return;
      shared.push([term, queryWeight * tfWeight(escalation.counts[i]!) * idfOf(index, term)]);
    });
    shared.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const result: SimilarEscalation = {
      ticketId: escalation.ticketId,
      title: escalation.title,
      similarity,
      sameCategory: escalation.category === ticket.category,
      sameCustomer: escalation.customerId === ticket.customerId,
      status: escalation.status,
      sharedTerms: shared.slice(0, SHARED_TERMS).map(([term]) => index.display.get(term) ?? term),
    };
    if (escalation.resolvedAt !== undefined) {
      result.resolvedAt = escalation.resolvedAt;
      result.resolutionMs = escalation.resolvedAt - escalation.createdAt;
    }
    if (escalation.rootCause !== undefined) result.rootCause = escalation.rootCause;
    if (escalation.rootCauseNotes !== undefined) result.rootCauseNotes = escalation.rootCauseNotes;
    return result;
  });
}
