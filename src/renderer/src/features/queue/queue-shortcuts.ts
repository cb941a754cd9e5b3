/** The queue's keys, as the shortcut list shows them (the grid's key handler implements them). */
export const QUEUE_SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['j', '↓'], action: 'Next ticket' },
  { keys: ['k', '↑'], action: 'Previous ticket' },
  { keys: ['Enter'], action: 'Open the ticket beside the queue' },
  { keys: ['Shift', 'Enter'], action: 'Open the ticket full screen' },
  { keys: ['Esc'], action: 'Close the ticket beside the queue' },
  { keys: ['x'], action: 'Select or unselect the ticket' },
  { keys: ['Shift', 'x'], action: 'Select every ticket from the last one selected' },
  { keys: ['e'], action: 'Escalate (the selection, or the current ticket)' },
  { keys: ['a'], action: 'Assign (the selection, or the current ticket)' },
  { keys: ['r'], action: 'Resolve (the selection, or the current ticket)' },
  { keys: ['i'], action: 'Show or hide the ticket’s SLA targets and why its risk score' },
  { keys: ['/'], action: 'Search the queue' },
  { keys: ['←', '→'], action: 'Close or open a group' },
];
