// The raw peer: from navigation, open the desk's IndexedDB and read the open tickets, nothing else.
import type { GetAllReport } from '../protocol';
import { openDesk, readOpenTickets } from './open-tickets';

const database = await openDesk();
const tickets = await readOpenTickets(database);
const report: GetAllReport = { doneAt: performance.now(), openTickets: tickets.length };
database.close();
(window as unknown as { __benchReport: GetAllReport }).__benchReport = report;
