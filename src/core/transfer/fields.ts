import { ESCALATION_TYPES, type EscalationType } from '../escalation/matrix';
import {
  BUILT_IN_STATUSES,
  CHANNELS,
  CUSTOMER_TIERS,
  ROOT_CAUSES,
  STATUS_LABELS,
  type BuiltInStatus,
  type Channel,
  type CustomerTier,
  type Priority,
  type RootCause,
  type TicketStatus,
} from '../tickets';
import { quoted } from './problems';

/** A ticket field a column of an imported file can fill. */
export const IMPORT_FIELD_KEYS = [
  'id',
  'title',
  'description',
  'customerId',
  'customerName',
  'customerTier',
  'customerEmail',
  'customerPhone',
  'tier',
  'channel',
  'category',
  'priority',
  'status',
  'level',
  'escalationType',
  'teamId',
  'ownerId',
  'policyId',
  'createdAt',
  'updatedAt',
  'resolvedAt',
  'closedAt',
  'rootCause',
  'rootCauseNotes',
  'csat',
  'escalated',
  'breached',
] as const;
export type ImportFieldKey = (typeof IMPORT_FIELD_KEYS)[number];

export interface ImportField {
  key: ImportFieldKey;
  label: string;
  /** What happens when no column is mapped to the field (or a cell is empty). */
  whenMissing: string;
  /** Header names that mean this field (compared without case, spaces, "_", "-" or "."). */
  synonyms: readonly string[];
  required?: boolean;
}

/** Every importable field: its label, synonyms for the mapping suggestion, and its default. */
export const IMPORT_FIELDS: readonly ImportField[] = [
  {
    key: 'id',
    label: 'Ticket ID',
    whenMissing: 'a new id is made from the row number',
    synonyms: [
      'id',
      'ticket',
      'ticket id',
      'ticket number',
      'ticket no',
      'ticket #',
      'case',
      'case id',
      'case number',
      'case no',
      'case #',
      'reference',
      'ref',
      'key',
      'number',
      '#',
    ],
  },
  {
    key: 'title',
    label: 'Title',
    whenMissing: 'the row is listed as a problem',
    required: true,
    synonyms: ['title', 'subject', 'summary', 'headline', 'issue', 'short description'],
  },
  {
    key: 'description',
    label: 'Description',
    whenMissing: 'empty',
    synonyms: ['description', 'details', 'body', 'problem', 'message', 'text', 'long description'],
  },
  {
    key: 'customerId',
    label: 'Customer ID',
    whenMissing: 'matched by name, or a new customer (this or the name is required)',
    synonyms: [
      'customer id',
      'customer number',
      'customer no',
      'account id',
      'client id',
      'company id',
    ],
  },
  {
    key: 'customerName',
    label: 'Customer name',
    whenMissing: 'the customer id (this or the id is required)',
    synonyms: [
      'customer',
      'customer name',
      'account',
      'account name',
      'client',
      'client name',
      'company',
      'organisation',
      'organization',
    ],
  },
  {
    key: 'customerTier',
    label: 'Customer tier',
    whenMissing: 'the ticket’s tier',
    synonyms: ['customer tier', 'account tier', 'customer segment', 'segment', 'plan'],
  },
  {
    key: 'customerEmail',
    label: 'Customer email',
    whenMissing: 'none',
    synonyms: ['customer email', 'email', 'e-mail', 'contact email', 'customer e-mail'],
  },
  {
    key: 'customerPhone',
    label: 'Customer phone',
    whenMissing: 'none',
    synonyms: ['customer phone', 'phone', 'telephone', 'contact phone', 'phone number'],
  },
  {
    key: 'tier',
    label: 'Tier',
    whenMissing: 'the customer’s tier, else standard',
    synonyms: ['tier', 'ticket tier', 'service tier', 'support tier'],
  },
  {
    key: 'channel',
    label: 'Channel',
    whenMissing: 'web',
    synonyms: ['channel', 'source', 'origin', 'via', 'medium', 'contact channel'],
  },
  {
    key: 'category',
    label: 'Category',
    whenMissing: 'general',
    synonyms: ['category', 'topic', 'area', 'product area', 'issue type'],
  },
  {
    key: 'priority',
    label: 'Priority',
    whenMissing: 'P3',
    synonyms: ['priority', 'prio', 'severity', 'urgency', 'sev'],
  },
  {
    key: 'status',
    label: 'Status',
    whenMissing: 'new',
    synonyms: ['status', 'state', 'ticket status'],
  },
  {
    key: 'level',
    label: 'Level',
    whenMissing: '0 (first line)',
    synonyms: ['level', 'escalation level', 'esc level', 'support level', 'line'],
  },
  {
    key: 'escalationType',
    label: 'Escalation type',
    whenMissing: 'none',
    synonyms: ['escalation type', 'escalation', 'type of escalation'],
  },
  {
    key: 'teamId',
    label: 'Team',
    whenMissing: 'none',
    synonyms: ['team', 'team id', 'group', 'assigned team', 'assignment group', 'queue'],
  },
  {
    key: 'ownerId',
    label: 'Owner',
    whenMissing: 'none',
    synonyms: ['owner', 'owner id', 'assignee', 'assigned to', 'agent', 'handler'],
  },
  {
    key: 'policyId',
    label: 'SLA policy',
    whenMissing: 'chosen by the policies’ conditions',
    synonyms: ['policy', 'policy id', 'sla policy', 'sla'],
  },
  {
    key: 'createdAt',
    label: 'Created',
    whenMissing: 'the row is listed as a problem',
    required: true,
    synonyms: [
      'created',
      'created at',
      'created on',
      'created date',
      'creation date',
      'date created',
      'opened',
      'opened at',
      'opened on',
      'reported',
      'reported at',
      'submitted',
      'date',
    ],
  },
  {
    key: 'updatedAt',
    label: 'Updated',
    whenMissing: 'the latest of the other dates',
    synonyms: [
      'updated',
      'updated at',
      'last updated',
      'modified',
      'last modified',
      'changed',
      'last changed',
    ],
  },
  {
    key: 'resolvedAt',
    label: 'Resolved',
    whenMissing: 'none',
    synonyms: ['resolved', 'resolved at', 'resolved on', 'resolution date', 'solved', 'solved at'],
  },
  {
    key: 'closedAt',
    label: 'Closed',
    whenMissing: 'none',
    synonyms: ['closed', 'closed at', 'closed on', 'close date', 'closing date'],
  },
  {
    key: 'rootCause',
    label: 'Root cause',
    whenMissing: 'none',
    synonyms: ['root cause', 'cause', 'root cause category'],
  },
  {
    key: 'rootCauseNotes',
    label: 'Root cause notes',
    whenMissing: 'none',
    synonyms: ['root cause notes', 'resolution notes', 'resolution', 'cause notes'],
  },
  {
    key: 'csat',
    label: 'CSAT',
    whenMissing: 'none',
    synonyms: ['csat', 'csat score', 'satisfaction', 'customer satisfaction', 'rating'],
  },
  {
    key: 'escalated',
    label: 'Escalated',
    whenMissing: 'yes when the level is above 0',
    synonyms: ['escalated', 'was escalated', 'is escalated'],
  },
  {
    key: 'breached',
    label: 'SLA breached',
    whenMissing: 'no',
    synonyms: ['breached', 'sla breached', 'breach', 'sla breach'],
  },
];

/** A header name reduced for comparison: lower case, without spaces, "_", "-", "." or "/". */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-./]+/g, '');
}

/** Which column (0-based) fills each field; a field without a column takes its default. */
export type ColumnMapping = Partial<Record<ImportFieldKey, number>>;

/**
 * The mapping suggested from header names: each field takes the first column whose name is one of
 * its synonyms (or the field's own name, e.g. "customer_id"); each column fills one field at most.
 */
export function suggestMapping(columns: readonly string[]): ColumnMapping {
  const normalized = columns.map(normalizeHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const names = new Set([normalizeHeader(field.key), ...field.synonyms.map(normalizeHeader)]);
    const index = normalized.findIndex((name, i) => !taken.has(i) && names.has(name));
    if (index >= 0) {
      mapping[field.key] = index;
      taken.add(index);
    }
  }
  return mapping;
}

/** What is wrong with a mapping as a whole: required fields without a column. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  for (const field of IMPORT_FIELDS) {
    if (field.required && mapping[field.key] === undefined) {
      problems.push(`Choose the column for “${field.label}”: it is required.`);
    }
  }
  if (mapping.customerId === undefined && mapping.customerName === undefined) {
    problems.push('Choose a column for the customer: “Customer name” or “Customer ID”.');
  }
  return problems;
}

/** A cell read as a field value, or why it cannot be. */
export type CellParse<T> = { ok: true; value: T } | { ok: false; reason: string };

const words = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

const PRIORITY_WORDS: Readonly<Record<string, Priority>> = {
  p1: 'P1',
  p2: 'P2',
  p3: 'P3',
  p4: 'P4',
  '1': 'P1',
  '2': 'P2',
  '3': 'P3',
  '4': 'P4',
  urgent: 'P1',
  critical: 'P1',
  high: 'P2',
  normal: 'P3',
  medium: 'P3',
  low: 'P4',
};

/** A priority: P1–P4 (or 1–4), or urgent/critical, high, normal/medium, low. */
export function parsePriority(text: string): CellParse<Priority> {
  const value = PRIORITY_WORDS[words(text).replace(/^p /, 'p')];
  return value
    ? { ok: true, value }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not a priority (use P1–P4 or urgent/high/normal/low).`,
      };
}

/** Built-in statuses by id, label and common synonyms, in the `words` form. */
const STATUS_WORDS = new Map<string, BuiltInStatus>([
  ...BUILT_IN_STATUSES.flatMap((status): [string, BuiltInStatus][] => [
    [words(status), status],
    [words(STATUS_LABELS[status]), status],
  ]),
  ['in progress', 'open'],
  ['waiting for customer', 'pending_customer'],
  ['waiting on customer', 'pending_customer'],
  ['awaiting customer', 'pending_customer'],
  ['waiting for third party', 'pending_third_party'],
  ['waiting on third party', 'pending_third_party'],
  ['pending vendor', 'pending_third_party'],
  ['solved', 'resolved'],
]);

/**
 * A status: a built-in one by id or label ("pending_customer", "Pending customer", "pending-customer"),
 * a common synonym (in progress, waiting on customer, solved, …), or one of `extraStatuses` (custom pause statuses of the desk's policies), compared without case.
 */
export function parseStatus(
  text: string,
  extraStatuses: readonly string[] = [],
): CellParse<TicketStatus> {
  const wanted = words(text);
  const builtIn = STATUS_WORDS.get(wanted);
  if (builtIn) return { ok: true, value: builtIn };
  const extra = extraStatuses.find((status) => words(status) === wanted);
  if (extra !== undefined) return { ok: true, value: extra };
  const allowed = [
    ...BUILT_IN_STATUSES.map((status) => STATUS_LABELS[status]),
    ...extraStatuses,
  ].join(', ');
  return { ok: false, reason: `${quoted(text.trim())} is not a status (use ${allowed}).` };
}

const CHANNEL_WORDS: Readonly<Record<string, Channel>> = {
  'e mail': 'email',
  mail: 'email',
  telephone: 'phone',
  call: 'phone',
  'phone call': 'phone',
  'live chat': 'chat',
  messenger: 'chat',
  website: 'web',
  'web form': 'web',
  portal: 'web',
  form: 'web',
  shop: 'store',
  'in store': 'store',
  'walk in': 'store',
  'social media': 'social',
  twitter: 'social',
  facebook: 'social',
};

/** A channel: email, phone, chat, web, store or social, or a common word for one (e-mail, portal, …). */
export function parseChannel(text: string): CellParse<Channel> {
  const wanted = words(text);
  const value = (CHANNELS as readonly string[]).includes(wanted)
    ? (wanted as Channel)
    : CHANNEL_WORDS[wanted];
  return value
    ? { ok: true, value }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not a channel (use ${CHANNELS.join(', ')}).`,
      };
}

/** A customer tier: enterprise, business or standard. */
export function parseTier(text: string): CellParse<CustomerTier> {
  const wanted = words(text);
  const value = CUSTOMER_TIERS.find((tier) => tier === wanted);
  return value
    ? { ok: true, value }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not a customer tier (use ${CUSTOMER_TIERS.join(', ')}).`,
      };
}

/** A root-cause category by id or in words ("product_defect", "Product defect"). */
export function parseRootCause(text: string): CellParse<RootCause> {
  const wanted = words(text);
  const value = ROOT_CAUSES.find((cause) => words(cause) === wanted);
  return value
    ? { ok: true, value }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not a root cause (use ${ROOT_CAUSES.map((cause) => cause.replace(/_/g, ' ')).join(', ')}).`,
      };
}

/** An escalation type: functional, hierarchical or automatic. */
export function parseEscalationType(text: string): CellParse<EscalationType> {
  const wanted = words(text);
  const value = ESCALATION_TYPES.find((type) => type === wanted);
  return value
    ? { ok: true, value }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not an escalation type (use ${ESCALATION_TYPES.join(', ')}).`,
      };
}

/** The highest escalation level an import accepts. */
export const MAX_IMPORT_LEVEL = 9;

/** An escalation level: 0–9, optionally written "L2". */
export function parseLevel(text: string): CellParse<number> {
  const match = /^l?(\d+)$/i.exec(text.trim().replace(/\s+/g, ''));
  const level = match ? Number(match[1]) : NaN;
  return Number.isInteger(level) && level >= 0 && level <= MAX_IMPORT_LEVEL
    ? { ok: true, value: level }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not a level (use 0 for first line up to ${MAX_IMPORT_LEVEL}, e.g. 2 or L2).`,
      };
}

/** A CSAT score: a whole number from 1 to 5. */
export function parseCsat(text: string): CellParse<number> {
  const score = /^\d$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return score >= 1 && score <= 5
    ? { ok: true, value: score }
    : {
        ok: false,
        reason: `${quoted(text.trim())} is not a CSAT score (use a whole number from 1 to 5).`,
      };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** Yes or no: true/false, yes/no, y/n, 1/0 (and "x" for yes). */
export function parseYesNo(text: string): CellParse<boolean> {
  const wanted = words(text);
  if (TRUE_WORDS.has(wanted)) return { ok: true, value: true };
  if (FALSE_WORDS.has(wanted)) return { ok: true, value: false };
  return {
    ok: false,
    reason: `${quoted(text.trim())} is not yes or no (use yes/no, true/false or 1/0).`,
  };
}
