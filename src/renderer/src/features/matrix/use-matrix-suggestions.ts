import { CHANNELS, CUSTOMER_TIERS, ROLES, type Person, type Team } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/database';
import { knownCategories } from '../new-escalation/queries';

/** What the editor offers while typing: the desk's teams, people, roles and criteria values. */
export interface MatrixSuggestions {
  teams: Team[];
  people: Person[];
  roles: readonly string[];
  categories: readonly string[];
  tiers: readonly string[];
  channels: readonly string[];
}

const NONE: never[] = [];

/** The desk's known teams, people and categories (live), with the core's tiers, channels and roles. */
export function useMatrixSuggestions(): MatrixSuggestions {
  const teams = useLiveQuery(() => db.teams.orderBy('name').toArray(), [], NONE);
  const people = useLiveQuery(() => db.people.orderBy('name').toArray(), [], NONE);
  const categories = useLiveQuery(() => knownCategories(db), [], NONE);
  return { teams, people, roles: ROLES, categories, tiers: CUSTOMER_TIERS, channels: CHANNELS };
}
