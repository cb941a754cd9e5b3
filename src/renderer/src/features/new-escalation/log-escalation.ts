import type { Customer, Ticket } from '@core/index';
import { db, type DeskDatabase } from '../../db/database';
import { writeSetting } from '../../db/settings';
import { createTicket } from '../../db/ticket-writes';
import { NEW_ESCALATION_DRAFT_ID } from './draft';
import { isNewCustomer, validateEscalation, type EscalationForm, type FieldErrors } from './form';

/** The form cannot be logged as it is; `errors` says why, per field. */
export class EscalationFormError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
    this.name = 'EscalationFormError';
  }
}

export interface LoggedEscalation {
  ticket: Ticket;
  customer: Customer;
  createdCustomer: boolean;
}

/**
 * Logs the form as a new escalation. In one transaction: the new customer (when the name is not
 * an existing customer), the ticket with its created event (and its assignment, when a team was
 * chosen) and SLA row, the cleared draft and the channel remembered as the next default. Either
 * all of it is written or none.
 */
export async function logEscalation(
  form: EscalationForm,
  now: number,
  database: DeskDatabase = db,
): Promise<LoggedEscalation> {
  const errors = validateEscalation(form);
  if (Object.keys(errors).length > 0) throw new EscalationFormError(errors);
  // Every table: createTicket opens its own transaction, which joins this one only if this one
  // covers all the tables it uses.
  return database.transaction('rw', database.tables, async () => {
    let customer: Customer;
    const createdCustomer = isNewCustomer(form);
    if (createdCustomer) {
      const email = form.newCustomerEmail.trim();
      const phone = form.newCustomerPhone.trim();
      customer = {
        id: `cust-${crypto.randomUUID()}`,
        name: form.customerName.trim(),
        tier: form.newCustomerTier,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
      };
      await database.customers.add(customer);
    } else {
      const existing = form.customerId ? await database.customers.get(form.customerId) : undefined;
      if (!existing) {
        throw new EscalationFormError({
          customerName: 'That customer is no longer on this desk. Pick another or create one.',
        });
      }
      customer = existing;
    }
    if (form.teamId !== null && !(await database.teams.get(form.teamId))) {
      throw new EscalationFormError({
        teamId: 'That team is no longer on this desk. Choose another, or no team yet.',
      });
    }
    const ticket = await createTicket(
      {
        title: form.title.trim(),
        description: form.description.trim(),
        customerId: customer.id,
        tier: customer.tier,
        channel: form.channel,
        category: form.category.trim(),
        priority: form.priority,
        ...(form.teamId !== null ? { teamId: form.teamId } : {}),
      },
      now,
      database,
    );
    await database.drafts.delete(NEW_ESCALATION_DRAFT_ID);
    await writeSetting('newEscalationChannel', form.channel, database);
    return { ticket, customer, createdCustomer };
  });
}
