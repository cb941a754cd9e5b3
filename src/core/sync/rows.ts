import { z } from 'zod';
import { validateCalendar } from '../calendar/validate';
import { EscalationMatrixSchema } from '../escalation/matrix';
import { SlaPolicySchema } from '../sla/policy';
import { ROLES } from '../tickets/desk';
import { CustomerSchema, DeskEventSchema, TicketSchema } from '../transfer/schemas';
import { describeIssue, TABLE_KEY, type SyncTable } from './protocol';

/**
 * The shape each synced table's rows must have. The server checks every row it would store
 * against it (a malformed row would otherwise be skipped by every other desk and stay stale
 * everywhere), and desks check the rows they pull before taking them.
 */

const id = z.string().min(1);
const instant = z.number().finite();

export const ROW_SCHEMAS: Readonly<Record<SyncTable, z.ZodType>> = {
  tickets: TicketSchema,
  events: DeskEventSchema,
  customers: CustomerSchema,
  teams: z.object({ id, name: z.string(), skills: z.array(z.string()) }),
  people: z.object({
    id,
    name: z.string(),
    role: z.enum(ROLES),
    teamId: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  templates: z.object({ id, name: z.string(), body: z.string() }),
  firedAlerts: z.object({
    key: id,
    ticketId: id,
    firedAt: instant,
    state: z.enum(['new', 'acknowledged', 'resolved']),
  }),
  matrices: z.object({
    id,
    version: z.number().int(),
    matrix: EscalationMatrixSchema,
    updatedAt: instant,
  }),
  policies: z.object({
    id,
    order: z.number().finite(),
    policy: SlaPolicySchema,
    updatedAt: instant,
  }),
  calendars: z.object({
    id,
    name: z.string(),
    calendar: z.unknown().superRefine((calendar, ctx) => {
      for (const problem of validateCalendar(calendar)) {
        ctx.addIssue({ code: 'custom', message: `${problem.path}: ${problem.message}` });
      }
    }),
    updatedAt: instant,
  }),
};

/**
 * What is wrong with a whole row of a table, as `row.field: problem`, or null when it is a row
 * of that table whose key is `id`.
 */
export function rowProblem(
  table: SyncTable,
  id: string,
  row: Record<string, unknown>,
): string | null {
  const key = TABLE_KEY[table];
  if (row[key] !== id) return `row.${key}: is not "${id}"`;
  const shape = ROW_SCHEMAS[table].safeParse(row);
  return shape.success ? null : `row.${describeIssue(shape.error)}`;
}
