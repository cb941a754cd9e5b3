import { describe, expect, it } from 'vitest';
import { TICKET_CSV_COLUMNS } from './desk-export';
import {
  IMPORT_FIELD_KEYS,
  IMPORT_FIELDS,
  mappingProblems,
  normalizeHeader,
  parseChannel,
  parseCsat,
  parseEscalationType,
  parseLevel,
  parsePriority,
  parseRootCause,
  parseStatus,
  parseTier,
  parseYesNo,
  suggestMapping,
  type CellParse,
} from './fields';

describe('suggestMapping', () => {
  it('maps a typical help-desk export by its header names', () => {
    const columns = [
      'Ticket ID',
      'Subject',
      'Customer',
      'Tier',
      'Priority',
      'Status',
      'Channel',
      'Category',
      'Description',
      'Owner',
      'Level',
      'Created',
      'Notes to self',
    ];
    expect(suggestMapping(columns)).toEqual({
      id: 0,
      title: 1,
      customerName: 2,
      tier: 3,
      priority: 4,
      status: 5,
      channel: 6,
      category: 7,
      description: 8,
      ownerId: 9,
      level: 10,
      createdAt: 11,
    });
  });

  it.each([
    ['ticket_id', 'id'],
    ['TICKET-NO', 'id'],
    ['Case #', 'id'],
    ['summary', 'title'],
    ['created at', 'createdAt'],
    ['CreatedAt', 'createdAt'],
    ['Date Created', 'createdAt'],
    ['Opened', 'createdAt'],
    ['last_modified', 'updatedAt'],
    ['Account Name', 'customerName'],
    ['customerId', 'customerId'],
    ['Severity', 'priority'],
    ['Assignee', 'ownerId'],
    ['Assignment group', 'teamId'],
    ['Escalation level', 'level'],
    ['Resolved on', 'resolvedAt'],
    ['Root cause', 'rootCause'],
    ['Satisfaction', 'csat'],
    ['Source', 'channel'],
  ])('%j → %s', (header, key) => {
    expect(suggestMapping([header])).toEqual({ [key]: 0 });
  });

  it('gives each column to one field and each field the first matching column', () => {
    expect(suggestMapping(['Customer', 'customer', 'Customer ID'])).toEqual({
      customerName: 0,
      customerId: 2,
    });
  });

  it('leaves unknown headers unmapped', () => {
    expect(suggestMapping(['Foo', 'Bar baz', ''])).toEqual({});
  });

  it('maps every column of the desk’s own tickets CSV back to its field', () => {
    const mapping = suggestMapping([...TICKET_CSV_COLUMNS]);
    expect(Object.keys(mapping).sort()).toEqual([...IMPORT_FIELD_KEYS].sort());
    expect(mapping.customerTier).toBe(TICKET_CSV_COLUMNS.indexOf('customer_tier'));
    expect(mapping.tier).toBe(TICKET_CSV_COLUMNS.indexOf('tier'));
  });

  it('has no synonym claimed by two fields', () => {
    const owners = new Map<string, string>();
    for (const field of IMPORT_FIELDS) {
      for (const name of [field.key, ...field.synonyms].map(normalizeHeader)) {
        expect(owners.get(name) ?? field.key, name).toBe(field.key);
        owners.set(name, field.key);
      }
    }
  });
});

describe('mappingProblems', () => {
  it('asks for the required fields and a customer column', () => {
    expect(mappingProblems({})).toEqual([
      'Choose the column for “Title”: it is required.',
      'Choose the column for “Created”: it is required.',
      'Choose a column for the customer: “Customer name” or “Customer ID”.',
    ]);
    expect(mappingProblems({ title: 0, createdAt: 1, customerId: 2 })).toEqual([]);
  });
});

function ok<T>(parse: (text: string) => CellParse<T>, text: string): T | string {
  const result = parse(text);
  return result.ok ? result.value : result.reason;
}

describe('cell readers', () => {
  it.each([
    ['P1', 'P1'],
    ['p2', 'P2'],
    ['P 3', 'P3'],
    ['4', 'P4'],
    ['Urgent', 'P1'],
    ['critical', 'P1'],
    ['HIGH', 'P2'],
    ['normal', 'P3'],
    ['Medium', 'P3'],
    [' low ', 'P4'],
    ['urgentish', '“urgentish” is not a priority (use P1–P4 or urgent/high/normal/low).'],
    ['P5', '“P5” is not a priority (use P1–P4 or urgent/high/normal/low).'],
  ])('priority %j → %j', (text, expected) => expect(ok(parsePriority, text)).toBe(expected));

  it.each([
    ['new', 'new'],
    ['Open', 'open'],
    ['Pending customer', 'pending_customer'],
    ['pending_third_party', 'pending_third_party'],
    ['PENDING-THIRD-PARTY', 'pending_third_party'],
    ['In progress', 'open'],
    ['Waiting on customer', 'pending_customer'],
    ['solved', 'resolved'],
    ['Closed', 'closed'],
  ])('status %j → %j', (text, expected) => expect(ok(parseStatus, text)).toBe(expected));

  it('accepts the desk’s custom statuses and lists what is allowed', () => {
    expect(ok((text) => parseStatus(text, ['awaiting_parts']), 'Awaiting parts')).toBe(
      'awaiting_parts',
    );
    expect(ok(parseStatus, 'pending')).toBe(
      '“pending” is not a status (use New, Open, Pending customer, Pending third party, Resolved, Closed).',
    );
  });

  it.each([
    ['email', 'email'],
    ['E-mail', 'email'],
    ['Telephone', 'phone'],
    ['Live chat', 'chat'],
    ['Portal', 'web'],
    ['In store', 'store'],
    ['Social media', 'social'],
    ['fax', '“fax” is not a channel (use email, phone, chat, web, store, social).'],
  ])('channel %j → %j', (text, expected) => expect(ok(parseChannel, text)).toBe(expected));

  it.each([
    ['Enterprise', 'enterprise'],
    ['business', 'business'],
    ['gold', '“gold” is not a customer tier (use enterprise, business, standard).'],
  ])('tier %j → %j', (text, expected) => expect(ok(parseTier, text)).toBe(expected));

  it.each([
    ['0', 0],
    ['2', 2],
    ['L3', 3],
    ['l 1', 1],
    ['10', '“10” is not a level (use 0 for first line up to 9, e.g. 2 or L2).'],
    ['-1', '“-1” is not a level (use 0 for first line up to 9, e.g. 2 or L2).'],
    ['1.5', '“1.5” is not a level (use 0 for first line up to 9, e.g. 2 or L2).'],
  ])('level %j → %j', (text, expected) => expect(ok(parseLevel, text)).toBe(expected));

  it.each([
    ['5', 5],
    ['1', 1],
    ['0', '“0” is not a CSAT score (use a whole number from 1 to 5).'],
    ['4.5', '“4.5” is not a CSAT score (use a whole number from 1 to 5).'],
  ])('CSAT %j → %j', (text, expected) => expect(ok(parseCsat, text)).toBe(expected));

  it.each([
    ['yes', true],
    ['TRUE', true],
    ['1', true],
    ['x', true],
    ['No', false],
    ['false', false],
    ['0', false],
    ['maybe', '“maybe” is not yes or no (use yes/no, true/false or 1/0).'],
  ])('yes/no %j → %j', (text, expected) => expect(ok(parseYesNo, text)).toBe(expected));

  it('reads root causes and escalation types by id or in words', () => {
    expect(ok(parseRootCause, 'Product defect')).toBe('product_defect');
    expect(ok(parseRootCause, 'third_party')).toBe('third_party');
    expect(ok(parseRootCause, 'gremlins')).toContain('is not a root cause (use product defect,');
    expect(ok(parseEscalationType, 'Hierarchical')).toBe('hierarchical');
    expect(ok(parseEscalationType, 'sideways')).toContain('is not an escalation type');
  });
});
