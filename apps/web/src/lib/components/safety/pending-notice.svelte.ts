import type { SafetyNotice } from '@kindred/contracts';

/**
 * The safety notice from the author's last create response, kept across the navigation to the
 * new thread so that the crisis panel (or the "held" note) shows at once on the next screen.
 */
class PendingNotice {
  notice = $state<SafetyNotice | null>(null);

  show(notice: SafetyNotice | undefined | null): void {
    if (notice) this.notice = notice;
  }

  dismiss(): void {
    this.notice = null;
  }
}

export const pendingNotice = new PendingNotice();
