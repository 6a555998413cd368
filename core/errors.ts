/**
 * One error type for the whole product (docs/CONVENTIONS.md 2): a precise code for machines,
 * a Chinese message for people, and details. The server maps codes to HTTP statuses once (the codes,
 * statuses, messages and AppError live in error-codes.ts, which needs no zod); the web shows
 * `message`. This module adds the wire schema of the error body.
 */
import { z } from 'zod';
import { errorCodes } from './error-codes';

export { AppError, defaultMessages, type ErrorCode, errorCodes, errorStatus } from './error-codes';

/** The one error body every endpoint returns. */
export const errorBodySchema = z
  .object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;
