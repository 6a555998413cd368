/**
 * The plain form's post (issue 20) read into an online intake: the same required fields and words as
 * the scripted form, then the contract's own checks, each problem placed on the field it is about.
 * Pure: the route files what this returns.
 */
import { countyCodeSchema } from '../../../../core/contracts/common';
import { type IntakeBody, intakeBodySchema } from '../../../../core/contracts/matters';
import type { FormProblems, FormValues } from './public-form.html';
import { residentKinds } from './public-form.html';

const bodySchema = intakeBodySchema.extend({ countyCode: countyCodeSchema });

const fields = [
  'category',
  'title',
  'description',
  'address',
  'name',
  'phone',
  'otherName',
  'otherPhone',
  'otherAddress',
  'key',
] as const satisfies readonly (keyof FormValues)[];

/** The form's string fields out of whatever was posted (anything else is left out). */
export function formValuesOf(body: unknown): FormValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const f of fields) if (typeof b[f] === 'string') out[f] = b[f] as string;
  return out;
}

const blank = (s: string | undefined) => !s?.trim();

/** Where a contract's problem shows on the form. */
function fieldOf(path: readonly PropertyKey[]): keyof FormValues {
  const [head, index, leaf] = path;
  if (head === 'title' || head === 'description') return head;
  if (head === 'place') return 'address';
  if (head === 'parties') {
    if (index === 0) return leaf === 'phone' ? 'phone' : 'name';
    return leaf === 'phone' ? 'otherPhone' : leaf === 'address' ? 'otherAddress' : 'otherName';
  }
  return 'category';
}

export type ReadForm =
  | { ok: true; countyCode: string; body: IntakeBody }
  | { ok: false; problems: FormProblems };

export function readResidentForm(v: FormValues, countyCode: string): ReadForm {
  // One select carries the type and the category: `dispute:MED-02`.
  const [kind, categoryCode] = (v.category ?? '').split(':', 2) as [string, string | undefined];
  const problems: FormProblems = {};
  if (!categoryCode || !(residentKinds as readonly string[]).includes(kind)) problems.category = '请选择类别';
  if (blank(v.title)) problems.title = '请用一句话概括';
  if (blank(v.description)) problems.description = '请写清楚事情经过';
  if (blank(v.address)) problems.address = '请填写详细地址';
  if (blank(v.name)) problems.name = '请填写姓名';
  if (blank(v.phone)) problems.phone = '请填写手机号码';
  if (kind === 'dispute' && blank(v.otherName)) problems.otherName = '请填写对方的姓名或称呼';
  if (Object.keys(problems).length) return { ok: false, problems };

  const parsed = bodySchema.safeParse({
    countyCode,
    kind,
    channel: 'online',
    categoryCode,
    title: v.title,
    description: v.description,
    place: { address: v.address?.trim() },
    parties: [
      { role: 'applicant', name: v.name, phone: v.phone?.trim() },
      ...(blank(v.otherName)
        ? []
        : [
            {
              role: 'respondent',
              name: v.otherName,
              phone: v.otherPhone?.trim() || undefined,
              address: v.otherAddress?.trim() || undefined,
            },
          ]),
    ],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems[fieldOf(issue.path)] ??= issue.message;
    return { ok: false, problems };
  }
  const { countyCode: county, ...body } = parsed.data;
  return { ok: true, countyCode: county, body };
}
