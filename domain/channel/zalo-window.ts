/**
 * Zalo's messaging window: an Official Account may send a consultation message to a user only within
 * 7 days of the user's last interaction with it (free within 48 h). One rule, used where messages are
 * addressed and where the roster says who can be reached.
 */
const ZALO_WINDOW_MS = 7 * 24 * 3600 * 1000;

export function withinZaloWindow(lastInteractionAt: Date | null, now: Date): boolean {
  return lastInteractionAt !== null && now.getTime() - lastInteractionAt.getTime() < ZALO_WINDOW_MS;
}
