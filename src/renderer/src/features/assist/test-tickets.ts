import type { Ticket } from '@core/index';
import { TEST_T0 } from '../../db/test-desk';

const HOUR = 3_600_000;

/** A ticket for the assist tests: resolved at first line unless the patch says otherwise. */
export function testTicket(id: string, patch: Partial<Ticket> = {}): Ticket {
  return {
    id,
    title: 'A question',
    description: '',
    customerId: 'c-1',
    tier: 'business',
    channel: 'email',
    category: 'general',
    priority: 'P3',
    status: 'resolved',
    level: 0,
    createdAt: TEST_T0,
    updatedAt: TEST_T0 + 2 * HOUR,
    resolvedAt: TEST_T0 + 2 * HOUR,
    escalated: false,
    breached: false,
    ...patch,
  };
}

const NETWORK_TEXTS = [
  ['VPN tunnel keeps dropping', 'The site VPN drops every hour; the router logs show timeouts.'],
  ['Office has no internet', 'The router lost its uplink; the switch lights are off.'],
  ['Wi-Fi drops in the warehouse', 'Access points lose the connection; the router restarts.'],
] as const;

const BILLING_TEXTS = [
  ['Charged twice this month', 'The invoice shows the same charge twice; refund the duplicate.'],
  [
    'Invoice has the wrong VAT',
    'The invoice total is wrong; the customer wants a corrected invoice.',
  ],
  ['Refund not received', 'A refund was promised last week; the card was not credited.'],
] as const;

/**
 * `perTeam` resolved network tickets (team-network) and as many billing ones (team-billing),
 * with ids `NET-…` and `BIL-…`.
 */
export function routingDesk(perTeam: number): Ticket[] {
  const tickets: Ticket[] = [];
  for (let n = 0; n < perTeam; n++) {
    const [netTitle, netText] = NETWORK_TEXTS[n % NETWORK_TEXTS.length]!;
    const [bilTitle, bilText] = BILLING_TEXTS[n % BILLING_TEXTS.length]!;
    const suffix = String(n).padStart(5, '0');
    tickets.push(
      testTicket(`NET-${suffix}`, {
        title: netTitle,
        description: netText,
        category: 'network',
        customerId: `c-${n % 7}`,
        teamId: 'team-network',
      }),
      testTicket(`BIL-${suffix}`, {
        title: bilTitle,
        description: bilText,
        category: 'billing',
        customerId: `c-${n % 5}`,
        teamId: 'team-billing',
      }),
    );
  }
  return tickets;
}

/** The example of a new network problem, as the router sees it. */
export const NETWORK_EXAMPLE = {
  category: 'network',
  text: 'Router drops the VPN\nThe branch VPN tunnel drops; the router shows timeouts.',
  customerId: 'c-9',
};
