/**
 * What a periodic job reports when one item fails: the matter's code and what went wrong. Jobs (the
 * deadline sweep, the reminders, the risk run) process each item in its own transaction and go on
 * past a failure; the failed item keeps no marker, so the next run tries it again.
 */
export interface JobFailure {
  matterCode: string;
  message: string;
}

export function failureOf(matterCode: string, e: unknown): JobFailure {
  return { matterCode, message: e instanceof Error ? e.message : String(e) };
}
