import type { AdjustableClock } from '../src/context';

/** A clock the test moves by hand (docs/CONVENTIONS.md 3). */
export class FixedClock implements AdjustableClock {
  constructor(private t: Date = new Date('2026-03-02T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
  advanceMinutes(m: number): void {
    this.advance(m * 60_000);
  }
  advanceTo(to: Date): boolean {
    if (to.getTime() <= this.t.getTime()) return false;
    this.t = new Date(to);
    return true;
  }
}

/** 2026-03-02 09:00 Beijing time: a Monday, a working day. */
export const SEED_TIME = '2026-03-02T01:00:00.000Z';
