/** The Team sync card's element id, for the shell's status to open Settings at it. */
export const SYNC_CARD_ID = 'team-sync';

let requested = false;

/** Brings the Team sync card into view and focus: now if Settings shows it, else when it does. */
export function showSyncCard(): void {
  const card = document.getElementById(SYNC_CARD_ID);
  if (card) focusSyncCard(card);
  else requested = true;
}

/** Whether the card was asked for before it showed (the request is used up). */
export function takeSyncCardRequest(): boolean {
  const was = requested;
  requested = false;
  return was;
}

/** Scrolls the card into view and focuses it. */
export function focusSyncCard(card: HTMLElement | null): void {
  card?.scrollIntoView?.({ block: 'start' });
  card?.focus();
}
