import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSIST_SETTINGS, type DeskEvent } from '@core/index';
import { TEST_T0 } from '../../db/test-desk';
import { testTicket } from './test-tickets';
import { TicketRisk } from './TicketRisk';

const HOUR = 3_600_000;

function fromCustomer(id: string, at: number, body: string): DeskEvent {
  return { id, ticketId: 'ESC-1', type: 'reply', direction: 'from_customer', at, by: 'c-1', body };
}

const messages = [
  fromCustomer('m1', TEST_T0, 'This is broken again and nobody answers. I am furious!'),
  fromCustomer('m2', TEST_T0 + HOUR, 'Thank you, it works perfectly now. Great help!'),
];

describe('TicketRisk on a resolved ticket', () => {
  it('keeps the customer mood and which way it went, without a risk score', () => {
    render(
      <TicketRisk
        ticket={testTicket('ESC-1')}
        events={messages}
        settings={DEFAULT_ASSIST_SETTINGS}
        now={TEST_T0 + 2 * HOUR}
        done
      />,
    );
    const card = screen.getByRole('region', { name: 'Customer mood' });
    expect(card.textContent).toMatch(/^Customer moodPositive .*getting calmer over 2 messages$/);
    expect(screen.queryByRole('region', { name: 'Escalation risk' })).toBeNull();
  });

  it('says when the customer sent nothing, and shows nothing with sentiment off', () => {
    const { rerender } = render(
      <TicketRisk
        ticket={testTicket('ESC-1')}
        events={[]}
        settings={DEFAULT_ASSIST_SETTINGS}
        now={TEST_T0}
        done
      />,
    );
    expect(screen.getByRole('region', { name: 'Customer mood' }).textContent).toContain(
      'The customer sent no message.',
    );
    rerender(
      <TicketRisk
        ticket={testTicket('ESC-1')}
        events={messages}
        settings={{ ...DEFAULT_ASSIST_SETTINGS, sentiment: false }}
        now={TEST_T0}
        done
      />,
    );
    expect(screen.queryByRole('region', { name: 'Customer mood' })).toBeNull();
  });
});
