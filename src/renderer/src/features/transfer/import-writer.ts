import { BUILT_IN_STATUSES, type DeskEvent, type Ticket } from '@core/index';
import { chunkPlan, type DeskSnapshot, type ImportPlan } from '@core/transfer';
import { db as defaultDb, type DeskDatabase, type TicketSlaRow } from '../../db/database';
import { loadSlaConfig, slaRowFor } from '../../db/ticket-writes';

/** Tickets written per transaction: small enough to keep the window responsive between chunks. */
export const IMPORT_CHUNK_SIZE = 500;

/** The desk as an import checks it: ticket ids, customers, people, teams and custom statuses. */
export async function loadDeskSnapshot(database: DeskDatabase = defaultDb): Promise<DeskSnapshot> {
  const [ticketIds, customers, people, teams, policies] = await Promise.all([
    database.tickets.toCollection().primaryKeys(),
    database.customers.toArray(),
    database.people.toArray(),
    database.teams.toArray(),
    database.policies.toArray(),
  ]);
  const builtIn = new Set<string>(BUILT_IN_STATUSES);
  const extraStatuses = [
    ...new Set(policies.flatMap((row) => row.policy.pauseStatuses.map((pause) => pause.status))),
  ].filter((status) => !builtIn.has(status));
  return {
    ticketIds,
    customers,
    people: people.map(({ id, name }) => ({ id, name })),
    teams: teams.map(({ id, name }) => ({ id, name })),
    extraStatuses,
  };
}

/** How far an import has come. */
export interface ImportProgress {
  tickets: number;
  total: number;
}

/** What an import wrote, and why it stopped when it did not finish. */
export interface ImportOutcome {
  status: 'done' | 'cancelled' | 'failed';
  tickets: number;
  events: number;
  customers: number;
  /** Tickets the plan had. */
  total: number;
  /** Why the import stopped, when it failed. */
  error?: string;
}

export interface WriteImportOptions {
  database?: DeskDatabase;
  /** The clock for the SLA summaries. */
  now: number;
  chunkSize?: number;
  /** Asked before each chunk: true stops the import there. */
  shouldStop?: () => boolean;
  onProgress?: (progress: ImportProgress) => void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Writes a plan chunk by chunk. Each chunk (its tickets, events, new customers and SLA rows) is
 * one transaction: a failure rolls the whole chunk back, and a cancel takes effect between chunks,
 * so the desk never holds part of a chunk. Tickets are added, never overwritten.
 */
export async function writeImportPlan(
  plan: Pick<ImportPlan, 'tickets' | 'customers'>,
  options: WriteImportOptions,
): Promise<ImportOutcome> {
  const database = options.database ?? defaultDb;
  const chunks = chunkPlan(plan, options.chunkSize ?? IMPORT_CHUNK_SIZE);
  const outcome: ImportOutcome = {
    status: 'done',
    tickets: 0,
    events: 0,
    customers: 0,
    total: plan.tickets.length,
  };
  const slaConfig = await loadSlaConfig(database);
  for (const chunk of chunks) {
    if (options.shouldStop?.()) {
      outcome.status = 'cancelled';
      break;
    }
    try {
      await database.transaction(
        'rw',
        [database.tickets, database.events, database.customers, database.ticketSla],
        async () => {
          const eventsByTicket = new Map<string, DeskEvent[]>();
          for (const event of chunk.events) {
            const list = eventsByTicket.get(event.ticketId);
            if (list) list.push(event);
            else eventsByTicket.set(event.ticketId, [event]);
          }
          const slaRows: TicketSlaRow[] = [];
          const tickets: Ticket[] = chunk.tickets.map((ticket) => {
            const { row, breached } = slaRowFor(
              ticket,
              eventsByTicket.get(ticket.id) ?? [],
              slaConfig,
              options.now,
            );
            slaRows.push(row);
            // As for every write: a breach the SLA fold finds is recorded on the ticket.
            return breached && !ticket.breached ? { ...ticket, breached: true } : ticket;
          });
          if (chunk.customers.length) await database.customers.bulkAdd(chunk.customers);
          await database.tickets.bulkAdd(tickets);
          await database.events.bulkAdd(chunk.events);
          await database.ticketSla.bulkPut(slaRows);
        },
      );
    } catch (error) {
      outcome.status = 'failed';
      outcome.error = describeFailure(error);
      break;
    }
    outcome.tickets += chunk.tickets.length;
    outcome.events += chunk.events.length;
    outcome.customers += chunk.customers.length;
    options.onProgress?.({ tickets: outcome.tickets, total: outcome.total });
    await nextTask();
  }
  return outcome;
}

function describeFailure(error: unknown): string {
  // Dexie's bulk errors carry each failure, e.g. an id added to the desk since the file was checked.
  const failures = (error as { failures?: unknown[] } | null)?.failures;
  const first = failures?.[0] as { name?: unknown; message?: unknown } | undefined;
  if (first?.name === 'ConstraintError') {
    return 'A ticket, event or customer with the same id was added to the desk meanwhile.';
  }
  if (typeof first?.message === 'string') return first.message;
  return error instanceof Error ? error.message : String(error);
}
