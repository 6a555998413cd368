/**
 * The server sends 反映问题 with a plain form already in it (server/src/modules/matters/public-form.*),
 * usable before this script arrives. A resident who started typing there keeps it: the values become
 * the scripted form's draft (web/src/features/public/draft.ts) before the page is taken over.
 */
import { saveDraft } from '../features/public/draft';

const textFields = [
  'title',
  'description',
  'address',
  'name',
  'phone',
  'otherName',
  'otherPhone',
  'otherAddress',
] as const;

export function carryOverPlainForm(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form[action="/public/submit"]');
  if (!form) return;
  const data = new FormData(form);
  const values: Record<string, string> = {};
  for (const f of textFields) {
    const v = data.get(f);
    if (typeof v === 'string' && v.trim()) values[f] = v;
  }
  if (Object.keys(values).length === 0) return;
  const [kind, categoryCode] = String(data.get('category') ?? '').split(':', 2);
  saveDraft({ values: { ...values, ...(kind && categoryCode ? { kind, categoryCode } : {}) }, point: null });
}
