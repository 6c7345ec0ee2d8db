/** One shared minute clock, so relative times ("5 minutes ago") move on without a timer each. */
class Clock {
  now = $state(Date.now());
  private started = false;

  /** Starts ticking on first use; the app keeps one timer for its lifetime. */
  read(): number {
    if (!this.started && typeof window !== 'undefined') {
      this.started = true;
      setInterval(() => (this.now = Date.now()), 30_000);
    }
    return this.now;
  }
}

export const clock = new Clock();
