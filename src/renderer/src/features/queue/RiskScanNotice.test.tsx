import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketStatus } from '@core/index';
import { useDeskScan } from '../alerts/desk-scan';
import type { QueueRow } from './queue-rows';
import { RiskScanNotice } from './RiskScanNotice';

const SIGNALS = { reassignments: 0, reopenings: 0, pastEscalations: 0 };

/** A row as the queue holds it: with or without stored risk signals, or with no SLA row at all. */
const row = (id: string, risk: 'scored' | 'unscored' | 'no sla', status: TicketStatus = 'open') =>
  ({
    ticket: { id, status },
    sla:
      risk === 'no sla'
        ? undefined
        : { ticketId: id, ...(risk === 'scored' ? { risk: SIGNALS } : {}) },
    customer: '',
    owner: '',
    team: '',
  }) as unknown as QueueRow;

afterEach(() => useDeskScan.setState({ scan: undefined }));

describe('the risk scan notice', () => {
  it('while the desk is scored, says how many open tickets have no score yet, with its progress', () => {
    const rows = [
      row('ESC-1', 'scored'),
      row('ESC-2', 'unscored'),
      row('ESC-3', 'unscored'),
      row('ESC-4', 'unscored', 'resolved'),
      row('ESC-5', 'no sla'),
    ];
    useDeskScan.setState({ scan: { done: 1_500, total: 5_000 } });
    render(<RiskScanNotice rows={rows} />);
    const bar = screen.getByRole<HTMLProgressElement>('progressbar', {
      name: 'Scoring escalation risk: 2 open tickets have no score yet (shown as “—”).',
    });
    expect([bar.value, bar.max]).toEqual([1_500, 5_000]);
    act(() => useDeskScan.setState({ scan: { done: 5_000, total: 5_000 } }));
    expect(bar.value).toBe(5_000);
    act(() => useDeskScan.setState({ scan: undefined }));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it.each([
    ['no pass is running', undefined, [row('ESC-1', 'unscored')]],
    ['every open ticket is scored (a restart)', { done: 10, total: 40 }, [row('ESC-1', 'scored')]],
  ])('says nothing when %s', (_case, scan, rows) => {
    useDeskScan.setState({ scan });
    render(<RiskScanNotice rows={rows} />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
