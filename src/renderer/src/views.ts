import {
  BellRing,
  ChartColumn,
  CirclePlus,
  Gauge,
  ListChecks,
  Network,
  Settings,
  TicketCheck,
  type LucideIcon,
} from 'lucide-react';
import type { ViewName } from './router';

export interface ViewEntry {
  name: ViewName;
  label: string;
  icon: LucideIcon;
  /** The key that follows "g" to jump here. */
  key: string;
}

/** The navigation entries, in order, with their "g then key" shortcuts. */
export const VIEW_ENTRIES: ViewEntry[] = [
  { name: 'queue', label: 'Queue', icon: ListChecks, key: 'q' },
  { name: 'new', label: 'New escalation', icon: CirclePlus, key: 'n' },
  { name: 'ticket', label: 'Ticket', icon: TicketCheck, key: 't' },
  { name: 'alerts', label: 'Alerts', icon: BellRing, key: 'a' },
  { name: 'matrix', label: 'Matrix', icon: Network, key: 'm' },
  { name: 'policies', label: 'Policies', icon: Gauge, key: 'p' },
  { name: 'reports', label: 'Reports', icon: ChartColumn, key: 'r' },
  { name: 'settings', label: 'Settings', icon: Settings, key: 's' },
];
