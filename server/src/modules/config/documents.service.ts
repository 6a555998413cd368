/**
 * A county's versioned configuration documents, for modules outside config that keep one of their
 * own (the calendar's county rest days): read the latest version, add the next one.
 */
import type { Executor } from '../../db/client';
import * as repo from './config.repo';

export const latestDocument = (ex: Executor, countyCode: string, name: string) =>
  repo.latest(ex, countyCode, name);

export const addDocumentVersion = (ex: Executor, row: Parameters<typeof repo.insertVersion>[1]) =>
  repo.insertVersion(ex, row);
