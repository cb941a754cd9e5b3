/** The Team sync card's element id, for the shell's status to open Settings at it. */
export const SYNC_CARD_ID = 'team-sync';

/** When the card was last asked for while not shown; 0 when no request is pending. */
let requestedAt = 0;
/** A request older than this was not followed by Settings (a link opened in a new window). */
const REQUEST_LIFETIME_MS = 5_000;

/** Brings the Team sync card into view and focus: now if Settings shows it, else when it does. */
export function showSyncCard(): void {
  const card = document.getElementById(SYNC_CARD_ID);
  if (card) focusSyncCard(card);
  else requestedAt = Date.now();
}

/** Whether the card was asked for shortly before it showed (the request is used up). */
export function takeSyncCardRequest(): boolean {
  const pending = requestedAt !== 0 && Date.now() - requestedAt < REQUEST_LIFETIME_MS;
  requestedAt = 0;
  return pending;
}

/** Scrolls the card into view and focuses it. */
export function focusSyncCard(card: HTMLElement | null): void {
  card?.scrollIntoView?.({ block: 'start' });
  card?.focus();
}
