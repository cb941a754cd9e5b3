// Which team will resolve a ticket, learned on the device from the desk's own resolved tickets: a
// naive Bayes classifier over three features, scored in log space and turned into posteriors with
// a softmax.
//
// - Category, weighted on its own (one feature, not one vote per word).
// - Words of title and description, as a bag of words (multinomial). A word's likelihood is learned
//   per team *within the ticket's category*, shrunk towards the category's own words: words mostly
//   say which category a ticket is in, which the category feature already says, so only what words
//   add within a category counts (otherwise every "invoice" would vote for Billing once more).
// - The customer: which teams solved the customer's past tickets.
//
// Smoothing: words are Laplace (add-one) smoothed; category and customer are blended with a few
// pseudo-tickets at the teams' overall shares (an m-estimate, the prior-weighted form of Laplace
// smoothing), so an unknown customer or category moves nothing. A word or customer whose counts
// per team could be chance (G-test, 0.1%) is left out: on a desk where the text says nothing about
// the team beyond the category, the words then add no noise either.
import type { Ticket } from '../tickets';
import { isDoneStatus } from '../tickets/ticket';
import { contentWords, noteDisplayWord, stemWord } from './text';

/** What a ticket looks like to the router. */
export interface RoutingExample {
  category: string;
  text: string;
  customerId: string;
}

/** Words counted for one team, category or both. */
export interface RoutingWordCounts {
  /** Words counted in all. */
  total: number;
  counts: Map<string, number>;
}

/**
 * What the router has learned: counts only, so learning one more ticket is cheap and the model
 * can be built in a Web Worker and sent to the page (Maps survive structuredClone).
 */
export interface RoutingModel {
  version: 1;
  /** Resolved tickets learned. */
  examples: number;
  /** Tickets learned per team. */
  teams: Map<string, number>;
  /** Per category, tickets learned per team. */
  categories: Map<string, Map<string, number>>;
  /** Per customer, tickets learned per team. */
  customers: Map<string, Map<string, number>>;
  /** Per team, its words. */
  words: Map<string, RoutingWordCounts>;
  /** Per category, its words. */
  categoryWords: Map<string, RoutingWordCounts>;
  /** Per team and category (`team\u0000category`), its words. */
  cellWords: Map<string, RoutingWordCounts>;
  /** All words learned. */
  vocabulary: RoutingWordCounts;
  /** The word to show for a term in reasons. */
  display: Map<string, string>;
}

/** Below this many learned tickets the desk should not suggest teams. */
export const MIN_ROUTING_EXAMPLES = 20;

/** How much the category counts (1 = as much as its counts say). */
const CATEGORY_WEIGHT = 1;
/** How much the customer's history counts. */
const CUSTOMER_WEIGHT = 1;
/** How much each word counts; below 1 because the words of one text are far from independent. */
const WORD_WEIGHT = 0.7;
/** Pseudo-tickets a category's team counts are blended with, at the teams' overall shares. */
const CATEGORY_M = 2;
/** Pseudo-tickets a customer's history is blended with: it takes a few tickets to matter. */
const CUSTOMER_M = 10;
/** Pseudo-words a team's word counts in a category are blended with, at the category's shares. */
const WORDS_MU = 20;
/**
 * z of the significance level a word or customer must reach to count: 3.09, i.e. 0.1%. A query
 * tests each of its dozen or more words; at 1%, about one query in ten would let a word through
 * whose counts are chance (on the demo desk, a template's "job run" then outvoted the category).
 */
const SIGNIFICANCE_Z = 3.09;
/** Laplace smoothing of word counts. */
const WORD_ALPHA = 1;
/** A word is a reason when it is at least this many times likelier for the team than on average. */
const WORD_REASON_RATIO = 2;
const WORD_REASONS = 3;

/** A model that has learned nothing yet. */
export function emptyRoutingModel(): RoutingModel {
  return {
    version: 1,
    examples: 0,
    teams: new Map(),
    categories: new Map(),
    customers: new Map(),
    words: new Map(),
    categoryWords: new Map(),
    cellWords: new Map(),
    vocabulary: { total: 0, counts: new Map() },
    display: new Map(),
  };
}

function increment<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function nested(map: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

function wordCounts(map: Map<string, RoutingWordCounts>, key: string): RoutingWordCounts {
  let counts = map.get(key);
  if (counts === undefined) {
    counts = { total: 0, counts: new Map() };
    map.set(key, counts);
  }
  return counts;
}

const cellKey = (teamId: string, category: string) => `${teamId}\u0000${category}`;

/** Learns one resolved ticket: the team that resolved it. */
export function learnRouting(model: RoutingModel, example: RoutingExample, teamId: string): void {
  model.examples++;
  increment(model.teams, teamId);
  increment(nested(model.categories, example.category), teamId);
  increment(nested(model.customers, example.customerId), teamId);
  const teamWords = wordCounts(model.words, teamId);
  const categoryWords = wordCounts(model.categoryWords, example.category);
  const cellWords = wordCounts(model.cellWords, cellKey(teamId, example.category));
  for (const word of contentWords(example.text)) {
    const term = stemWord(word);
    noteDisplayWord(model.display, term, word);
    for (const counts of [model.vocabulary, teamWords, categoryWords, cellWords]) {
      increment(counts.counts, term);
      counts.total++;
    }
  }
}

/** What the router sees of a ticket: its category, title and description, and customer. */
export function routingExampleOf(
  ticket: Pick<Ticket, 'category' | 'title' | 'description' | 'customerId'>,
): RoutingExample {
  return {
    category: ticket.category,
    text: `${ticket.title}\n${ticket.description}`,
    customerId: ticket.customerId,
  };
}

/** Builds a model from resolved tickets (status resolved/closed with a teamId; label = ticket.teamId, text = title + description). */
export function trainRouting(tickets: Iterable<Ticket>): RoutingModel {
  const model = emptyRoutingModel();
  for (const ticket of tickets) {
    if (!isDoneStatus(ticket.status) || ticket.teamId === undefined) continue;
    learnRouting(model, routingExampleOf(ticket), ticket.teamId);
  }
  return model;
}

/** How many resolved tickets the model has learned (the UI says so, and needs MIN_ROUTING_EXAMPLES). */
export function routingModelSize(model: RoutingModel): number {
  return model.examples;
}

/** A team the router suggests, with how sure it is and why. */
export interface RoutingSuggestion {
  teamId: string;
  /** The posterior probability that this team resolves the ticket, 0..1; suggestions sum to ≤ 1. */
  confidence: number;
  /** Why, in words, e.g. 'Category "network": 412 of 455 resolved by this team'. */
  reasons: string[];
}

interface TeamScore {
  teamId: string;
  logScore: number;
  /** log P(word | team, category) per query term, for the reasons. */
  termLogs: number[];
}

/**
 * log(P(team | value) / P(team)) with P(team | value) blended with `m` pseudo-tickets at the
 * team's prior: how much knowing the value (a category, a customer) speaks for the team.
 */
function evidence(
  counts: ReadonlyMap<string, number>,
  total: number,
  teamId: string,
  prior: number,
  m: number,
): number {
  return Math.log(((counts.get(teamId) ?? 0) + m * prior) / (total + m) / prior);
}

function sumOf(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/** Formats a count for a reason: 3912 → "3,912". */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Whether counts per team (`count` of `total`, e.g. a word's uses of all words in each team's
 * tickets) differ from the teams' shares by more than chance: a G-test of independence at the
 * SIGNIFICANCE_Z level. A word or customer that fails it says nothing about the team and is left out, which keeps
 * boilerplate and one-off words from adding noise to every suggestion.
 */
function significant(cells: readonly { count: number; total: number }[]): boolean {
  let count = 0;
  let total = 0;
  let columns = 0;
  for (const cell of cells) {
    count += cell.count;
    total += cell.total;
    if (cell.total > 0) columns++;
  }
  if (columns < 2 || count === 0 || count === total) return false;
  let g = 0;
  for (const cell of cells) {
    if (cell.total === 0) continue;
    const expected = (count * cell.total) / total;
    const rest = cell.total - cell.count;
    if (cell.count > 0) g += cell.count * Math.log(cell.count / expected);
    if (rest > 0) g += rest * Math.log(rest / (cell.total - expected));
  }
  return 2 * g >= chiSquareQuantile(columns - 1);
}

/** The chi-square quantile at SIGNIFICANCE_Z with `df` degrees of freedom (Wilson–Hilferty). */
function chiSquareQuantile(df: number): number {
  const z = SIGNIFICANCE_Z;
  const spread = 2 / (9 * df);
  return df * (1 - spread + z * Math.sqrt(spread)) ** 3;
}

/** The teams most likely to resolve a ticket, best first (at most `limit`, default 3); empty when the model knows no team. */
export function suggestTeams(
  model: RoutingModel,
  example: RoutingExample,
  options: {
    /** At most this many suggestions (3 by default). */
    limit?: number;
    /**
     * Teams not to suggest, e.g. the one the ticket is with. The others keep their posteriors
     * (not renormalised): a confidence is always the chance that the team resolves the ticket.
     */
    exclude?: readonly string[];
  } = {},
): RoutingSuggestion[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 3));
  if (model.examples === 0 || limit === 0) return [];
  const teams = [...model.teams];

  const categoryCounts = model.categories.get(example.category);
  const categoryTotal = categoryCounts === undefined ? 0 : sumOf(categoryCounts);
  let customerCounts = model.customers.get(example.customerId);
  const customerTotal = customerCounts === undefined ? 0 : sumOf(customerCounts);
  if (
    customerCounts !== undefined &&
    !significant(
      teams.map(([teamId, total]) => ({ count: customerCounts!.get(teamId) ?? 0, total })),
    )
  ) {
    customerCounts = undefined;
  }

  // Word counts per team within the ticket's category (or overall, for a category never seen).
  const categoryWords = model.categoryWords.get(example.category);
  const teamWordsOf = (teamId: string) =>
    categoryWords === undefined
      ? model.words.get(teamId)
      : model.cellWords.get(cellKey(teamId, example.category));
  const laplace = (counts: RoutingWordCounts, term: string) =>
    ((counts.counts.get(term) ?? 0) + WORD_ALPHA) /
    (counts.total + WORD_ALPHA * model.vocabulary.counts.size);
  // Words never learned, and words no team uses unlike the others, are left out.
  const terms: string[] = [];
  const background: number[] = [];
  const counted = new Map<string, boolean>();
  for (const word of contentWords(example.text)) {
    const term = stemWord(word);
    let counts = counted.get(term);
    if (counts === undefined) {
      counts =
        model.vocabulary.counts.has(term) &&
        significant(
          teams.map(([teamId]) => {
            const words = teamWordsOf(teamId);
            return { count: words?.counts.get(term) ?? 0, total: words?.total ?? 0 };
          }),
        );
      counted.set(term, counts);
    }
    if (!counts) continue;
    terms.push(term);
    background.push(laplace(categoryWords ?? model.vocabulary, term));
  }

  // Every team is scored, so that the softmax below is over all of them; `exclude` only filters.
  const scores: TeamScore[] = [];
  for (const [teamId, teamExamples] of teams) {
    const prior = teamExamples / model.examples;
    let logScore = Math.log(prior);
    if (categoryCounts !== undefined) {
      logScore +=
        CATEGORY_WEIGHT * evidence(categoryCounts, categoryTotal, teamId, prior, CATEGORY_M);
    }
    if (customerCounts !== undefined) {
      logScore +=
        CUSTOMER_WEIGHT * evidence(customerCounts, customerTotal, teamId, prior, CUSTOMER_M);
    }
    const teamWords = teamWordsOf(teamId);
    const termLogs: number[] = [];
    terms.forEach((term, i) => {
      // The team's words, shrunk towards the category's (or all) words: what little a team has
      // seen says little more than the category itself.
      const likelihood =
        ((teamWords?.counts.get(term) ?? 0) + WORDS_MU * background[i]!) /
        ((teamWords?.total ?? 0) + WORDS_MU);
      const termLog = Math.log(likelihood);
      termLogs.push(termLog);
      logScore += WORD_WEIGHT * termLog;
    });
    scores.push({ teamId, logScore, termLogs });
  }

  let best = -Infinity;
  for (const score of scores) best = Math.max(best, score.logScore);
  let normaliser = 0;
  for (const score of scores) normaliser += Math.exp(score.logScore - best);

  const excluded = new Set(options.exclude ?? []);
  const ranked = scores
    .filter((score) => !excluded.has(score.teamId))
    .map((score) => ({ score, confidence: Math.exp(score.logScore - best) / normaliser }))
    .sort(
      (a, b) =>
        b.confidence - a.confidence ||
        (a.score.teamId < b.score.teamId ? -1 : a.score.teamId > b.score.teamId ? 1 : 0),
    )
    .slice(0, limit);

  return ranked.map(({ score, confidence }) => {
    const reasons: string[] = [];
    const inCategory = categoryCounts?.get(score.teamId) ?? 0;
    if (inCategory > 0) {
      reasons.push(
        `Category "${example.category}": ${formatCount(inCategory)} of ${formatCount(categoryTotal)} resolved by this team`,
      );
    }
    const lifts = new Map<string, number>();
    score.termLogs.forEach((termLog, i) => {
      const lift = termLog - Math.log(background[i]!);
      if (lift >= Math.log(WORD_REASON_RATIO)) lifts.set(terms[i]!, lift);
    });
    const words = [...lifts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, WORD_REASONS)
      .map(([term]) => model.display.get(term) ?? term);
    if (words.length > 0) reasons.push(`Words: ${words.join(', ')}`);
    const forCustomer = customerCounts?.get(score.teamId) ?? 0;
    if (forCustomer > 0) {
      reasons.push(
        `This customer's past tickets: ${formatCount(forCustomer)} of ${formatCount(customerTotal)}`,
      );
    }
    return { teamId: score.teamId, confidence, reasons };
  });
}
