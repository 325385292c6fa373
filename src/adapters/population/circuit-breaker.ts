/**
 * Closed → open after `threshold` failures in a row; open answers "unavailable" at once for
 * `cooldownMs`; then one trial call (half-open) decides. Pure: the clock is passed in.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  state(now: number): "closed" | "open" | "half-open" {
    if (this.openedAt === null) return "closed";
    return now - this.openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  /** May a call go out now? */
  allow(now: number): boolean {
    const s = this.state(now);
    if (s === "closed") return true;
    if (s === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(now: number): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = now;
  }
}
