/**
 * Watches every response and socket message an actor receives for the identity of an account
 * that only ever writes anonymously (its user id and username, case-insensitive). The one
 * permitted disclosure is named by `allowed` (an admin's unmask).
 */
export class AnonymityScan {
  readonly leaks: string[] = [];
  readonly allowedHits: string[] = [];
  private readonly needles: string[];

  constructor(
    identity: { id: string; username: string },
    private readonly allowed: (label: string) => boolean,
  ) {
    this.needles = [identity.id, identity.username].map((n) => n.toLowerCase());
  }

  /** Records whether `payload` (any JSON or text) names the anonymous author. */
  check(label: string, payload: unknown): void {
    let text: string;
    try {
      text = (typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? '')).toLowerCase();
    } catch {
      text = String(payload).toLowerCase();
    }
    const found = this.needles.filter((n) => text.includes(n));
    if (found.length === 0) return;
    if (this.allowed(label)) this.allowedHits.push(label);
    else {
      const at = text.indexOf(found[0]);
      this.leaks.push(`${label}: …${text.slice(Math.max(0, at - 80), at + 60)}…`);
    }
  }
}
