import type { BuiltInStatus, TicketStatus } from './ticket';

/**
 * The ticket lifecycle: new → open → pending customer / pending third party → resolved → closed,
 * with reopen from resolved or closed. The escalation level is a separate axis.
 */
export const STATUS_TRANSITIONS: Readonly<Record<BuiltInStatus, readonly BuiltInStatus[]>> = {
  new: ['open', 'pending_customer', 'pending_third_party', 'resolved'],
  open: ['pending_customer', 'pending_third_party', 'resolved'],
  pending_customer: ['open', 'pending_third_party', 'resolved'],
  pending_third_party: ['open', 'pending_customer', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/** How people read each status. */
export const STATUS_LABELS: Readonly<Record<BuiltInStatus, string>> = {
  new: 'New',
  open: 'Open',
  pending_customer: 'Pending customer',
  pending_third_party: 'Pending third party',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The readable name of a status (custom statuses are shown as they are). */
export function statusLabel(status: TicketStatus): string {
  return STATUS_LABELS[status as BuiltInStatus] ?? status;
}

/** Outcome of asking for a status change. */
export type TransitionCheck = { ok: true; reopen: boolean } | { ok: false; message: string };

/** Whether a ticket may go from one status to another; a refusal says what is allowed instead. */
export function checkTransition(from: TicketStatus, to: TicketStatus): TransitionCheck {
  const allowed = STATUS_TRANSITIONS[from as BuiltInStatus];
  if (!allowed) return { ok: false, message: `"${from}" is not a known status.` };
  if (from === to) return { ok: false, message: `The ticket is already ${statusLabel(to)}.` };
  if (allowed.includes(to as BuiltInStatus)) {
    return { ok: true, reopen: (from === 'resolved' || from === 'closed') && to === 'open' };
  }
  const options = allowed.map(statusLabel).join(', ');
  return {
    ok: false,
    message: `A ${statusLabel(from)} ticket cannot become ${statusLabel(to)}; it can become: ${options}.`,
  };
}
