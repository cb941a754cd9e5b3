import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Person, Team, Ticket } from '@core/index';
import { db } from '../../../db/database';
import { deskChanged } from '../../../db/desk-changes';
import { writeSetting } from '../../../db/settings';
import { AssistWork } from '../../assist/assist-work';
import { routingDesk } from '../../assist/test-tickets';
import { ALL_DAY_CALENDAR, EVERYTHING_POLICY, TEST_T0 } from '../../../db/test-desk';
import { createTicket } from '../../../db/ticket-writes';
import { QueueActionDialog, type QueueActionDialogProps } from './ActionDialogs';
import { applyWorkflowToMany, escalateEach, type QueueAction } from './bulk-writes';

// IndexedDB (fake) takes longer than RTL's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const PEOPLE: Person[] = [
  { id: 'p-ana', name: 'Ana Agent', role: 'agent', teamId: 'team-net' },
  { id: 'p-sam', name: 'Sam Supervisor', role: 'supervisor' },
  { id: 'p-nia', name: 'Nia Network', role: 'specialist', teamId: 'team-net' },
];
const TEAMS: Team[] = [{ id: 'team-net', name: 'Network', skills: ['network'] }];

let tickets: Ticket[];

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.calendars.put({ id: 'cal-247', name: '24/7', calendar: ALL_DAY_CALENDAR, updatedAt: 0 });
  await db.policies.put({ id: 'p-all', order: 0, policy: EVERYTHING_POLICY, updatedAt: 0 });
  tickets = [];
  for (let i = 1; i <= 3; i++) {
    tickets.push(
      await createTicket(
        {
          title: `Ticket ${i}`,
          description: '',
          customerId: 'c-1',
          tier: 'standard',
          channel: 'email',
          category: 'payments',
          priority: 'P3',
        },
        TEST_T0,
      ),
    );
  }
});

function renderDialog(action: QueueAction, overrides: Partial<QueueActionDialogProps> = {}) {
  const onOpenChange = vi.fn();
  const onDone = vi.fn();
  render(
    <QueueActionDialog
      action={action}
      tickets={tickets}
      people={PEOPLE}
      teams={TEAMS}
      open
      onOpenChange={onOpenChange}
      onDone={onDone}
      {...overrides}
    />,
  );
  return { onOpenChange, onDone };
}

const eventsOfType = (type: string) => db.events.where('type').equals(type).count();

describe('QueueActionDialog', () => {
  it('assigns three tickets in one go and reports what was done', async () => {
    const { onDone, onOpenChange } = renderDialog('assign');
    expect(screen.getByRole('dialog', { name: 'Assign 3 tickets' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 'team-net' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone).toHaveBeenCalledWith({ done: tickets.map((t) => t.id), skipped: [] });
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(await eventsOfType('assigned')).toBe(3);
    expect((await db.tickets.toArray()).map((t) => t.teamId)).toEqual([
      'team-net',
      'team-net',
      'team-net',
    ]);
  });

  it('asks for a person or a team before assigning', async () => {
    const { onDone } = renderDialog('assign');
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Choose a person or a team to assign to.',
    );
    expect(onDone).not.toHaveBeenCalled();
    expect(await eventsOfType('assigned')).toBe(0);
  });

  it('will not escalate without a reason', async () => {
    const { onDone, onOpenChange } = renderDialog('escalate');
    expect(screen.getByRole('dialog', { name: 'Escalate 3 tickets' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Person'), { target: { value: 'p-sam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'A reason for the escalation is required.',
    );
    expect(onDone).not.toHaveBeenCalled();
    expect(onOpenChange).not.toHaveBeenCalled();
    expect(await eventsOfType('escalated')).toBe(0);
  });

  it('escalates each ticket one level up, with the reason', async () => {
    const { onDone } = renderDialog('escalate');
    fireEvent.change(screen.getByLabelText('Person'), { target: { value: 'p-sam' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Customer waiting' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Raise priority one step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const stored = await db.tickets.toArray();
    expect(stored.map((t) => [t.level, t.priority, t.ownerId])).toEqual([
      [1, 'P2', 'p-sam'],
      [1, 'P2', 'p-sam'],
      [1, 'P2', 'p-sam'],
    ]);
  });

  it('titles a single ticket by its id and shows its refusal in the dialog', async () => {
    const [first] = tickets;
    const { onDone } = renderDialog('priority', { tickets: [first!] });
    expect(screen.getByRole('dialog', { name: `Change priority of ${first!.id}` })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'P3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change priority' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The ticket is already P3.');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('resolves tickets, asking for the root cause when one of them was escalated', async () => {
    await applyWorkflowToMany(
      [tickets[0]!.id],
      escalateEach({
        type: 'hierarchical',
        toLevel: 'next',
        toOwnerId: 'p-sam',
        reason: 'Stuck',
        raisePriority: false,
      }),
      TEST_T0 + 60_000,
    );
    const escalated = (await db.tickets.get(tickets[0]!.id))!;
    const { onDone } = renderDialog('resolve', { tickets: [escalated, tickets[1]!] });
    expect(
      screen.getByText(
        'One of these tickets was escalated or breached an SLA: record the root cause.',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a root cause.');
    fireEvent.change(screen.getByLabelText('Root cause'), { target: { value: 'configuration' } });
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'Wrong MTU' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [first, second] = await db.tickets.bulkGet([tickets[0]!.id, tickets[1]!.id]);
    expect([first?.status, first?.rootCause, second?.status]).toEqual([
      'resolved',
      'configuration',
      'resolved',
    ]);
  });

  it('starts with empty fields each time it opens', async () => {
    const props = {
      action: 'escalate' as const,
      tickets,
      people: PEOPLE,
      teams: TEAMS,
      onOpenChange: () => {},
    };
    const { rerender } = render(<QueueActionDialog {...props} open />);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Half-typed' } });
    rerender(<QueueActionDialog {...props} open={false} />);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    rerender(<QueueActionDialog {...props} open />);
    expect((screen.getByLabelText('Reason') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('the Escalate form’s team suggestions', () => {
  const ROUTING_TEAMS: Team[] = [
    { id: 'team-billing', name: 'Billing', skills: [] },
    { id: 'team-first', name: 'First line', skills: [] },
    { id: 'team-network', name: 'Network', skills: [] },
  ];
  let vpnTicket: Ticket;

  beforeEach(async () => {
    await db.tickets.bulkAdd(routingDesk(12));
    vpnTicket = await createTicket(
      {
        title: 'Router drops the VPN',
        description: 'The branch VPN tunnel drops; the router shows timeouts.',
        customerId: 'c-9',
        tier: 'standard',
        channel: 'email',
        category: 'network',
        priority: 'P3',
        teamId: 'team-first',
      },
      TEST_T0,
    );
    // The shared assist work keeps what it read: the desk above is a new one.
    deskChanged();
  });

  const panel = () => screen.queryByRole('complementary', { name: 'Suggested teams' });

  it('suggests a team for one ticket escalated functionally, filled in only when picked', async () => {
    const { onDone } = renderDialog('escalate', { tickets: [vpnTicket], teams: ROUTING_TEAMS });
    // A hierarchical escalation goes to a person: no team suggestion.
    expect(panel()).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Functional/ }));
    await screen.findByRole('complementary', { name: 'Suggested teams' });
    const team = screen.getByLabelText('Team') as HTMLSelectElement;
    expect(team.value).toBe('');
    // The ticket's own team is never suggested.
    expect(screen.queryByRole('button', { name: 'Use First line' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Use Network' }));
    expect(team.value).toBe('team-network');
    expect(document.activeElement).toBe(team);
    expect(screen.getByText('Chosen')).toBeTruthy();
    expect(await eventsOfType('escalated')).toBe(0);

    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Needs the network team' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect((await db.tickets.get(vpnTicket.id))?.teamId).toBe('team-network');
  });

  it('suggests nothing when more than one ticket is escalated', async () => {
    const suggest = vi.spyOn(AssistWork.prototype, 'suggestTeams');
    renderDialog('escalate', { tickets: [vpnTicket, tickets[0]!], teams: ROUTING_TEAMS });
    fireEvent.click(screen.getByRole('radio', { name: /Functional/ }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(panel()).toBeNull();
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
    expect(suggest).not.toHaveBeenCalled();
    suggest.mockRestore();
  });

  it('suggests nothing while routing suggestions are switched off', async () => {
    await writeSetting('assist', { sentiment: true, risk: true, routing: false, similar: true });
    const suggest = vi.spyOn(AssistWork.prototype, 'suggestTeams');
    renderDialog('escalate', { tickets: [vpnTicket], teams: ROUTING_TEAMS });
    fireEvent.click(screen.getByRole('radio', { name: /Functional/ }));
    await screen.findByText('Routing suggestions are switched off in Settings.');
    expect(panel()).toBeNull();
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
    expect(suggest).not.toHaveBeenCalled();
    suggest.mockRestore();
  });
});
