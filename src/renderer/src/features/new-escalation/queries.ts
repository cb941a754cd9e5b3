import type { Customer } from '@core/index';
import { db, type DeskDatabase } from '../../db/database';

/** How many customers the search offers at once. */
export const CUSTOMER_SEARCH_LIMIT = 8;

/**
 * Customers matching what was typed: names starting with it first (through the name index), then,
 * when there is room, names with a word starting with it and emails starting with it.
 */
export async function searchCustomers(
  query: string,
  limit: number = CUSTOMER_SEARCH_LIMIT,
  database: DeskDatabase = db,
): Promise<Customer[]> {
  const text = query.trim();
  if (!text) return database.customers.orderBy('name').limit(limit).toArray();
  const byName = await database.customers
    .where('name')
    .startsWithIgnoreCase(text)
    .limit(limit)
    .toArray();
  if (byName.length >= limit) return byName;
  const found = new Set(byName.map((customer) => customer.id));
  const needle = text.toLowerCase();
  // A scan, but it stops as soon as the list is full; customer tables are thousands of rows at most.
  const more = await database.customers
    .filter(
      (customer) =>
        !found.has(customer.id) &&
        (customer.email?.toLowerCase().startsWith(needle) === true ||
          customer.name
            .toLowerCase()
            .split(/\s+/)
            .some((word) => word.startsWith(needle))),
    )
    .limit(limit - byName.length)
    .toArray();
  return [...byName, ...more];
}

/**
 * The categories the desk already knows, sorted: those of existing tickets (the category index's
 * distinct keys) and those named by SLA policies and escalation-matrix rows.
 */
export async function knownCategories(database: DeskDatabase = db): Promise<string[]> {
  const [ticketCategories, policies, matrices] = await Promise.all([
    database.tickets.orderBy('category').uniqueKeys(),
    database.policies.toArray(),
    database.matrices.toArray(),
  ]);
  const categories = new Set<string>();
  for (const key of ticketCategories) if (typeof key === 'string') categories.add(key);
  for (const row of policies)
    for (const c of row.policy.conditions?.categories ?? []) categories.add(c);
  for (const row of matrices)
    for (const matrixRow of row.matrix.rows)
      for (const c of matrixRow.criteria.categories ?? []) categories.add(c);
  categories.delete('');
  return [...categories].sort((a, b) => a.localeCompare(b));
}
