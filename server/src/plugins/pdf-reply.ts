/**
 * How every route answers with a PDF (notices, agreements, court papers, the resident's documents).
 * Here, beside the other HTTP plumbing, rather than in the documents module, so a module that serves
 * a PDF does not import documents for two constants (issue 19: matters → documents closed a cycle).
 */
import { z } from 'zod';

/** Sends a PDF inline (the browser shows it; saving keeps the Chinese file name). */
export function pdfReply(fileName: string) {
  return {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': 'no-store',
  };
}

export const pdfResponse = { 200: z.any().describe('application/pdf') };
