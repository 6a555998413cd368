import { describe, expect, it } from 'vitest';
import type { MatterCommand } from './commands';
import { decide, registerMatter } from './lifecycle';
import { buildMatter, ctxOf, daysAfter, NOW, orgs, resident, staff, stateIn, sweep } from './test-fixtures';

const clerkAt = (o: (typeof orgs)[keyof typeof orgs]) => staff(o, ['clerk']);

describe('transfers', () => {
  const handling = buildMatter({ status: 'handling' });
  const transfer = (
    to: (typeof orgs)[keyof typeof orgs],
    kind: 'escalate_up' | 'dispatch_down' | 'to_department',
  ) =>
    decide(
      { ...handling, owner: orgs.town },
      { action: 'transfer', transferKind: kind, to, reason: '分流' },
      ctxOf(clerkAt(orgs.town)),
    );

  it('escalates only to the center directly above', () => {
    expect(transfer(orgs.district, 'escalate_up').ok).toBe(true);
    expect(transfer(orgs.hrDept, 'escalate_up')).toMatchObject({
      httpStatus: 422,
      code: 'ESCALATE_NOT_PARENT',
    });
    const fromVillage = decide(
      handling,
      { action: 'transfer', transferKind: 'escalate_up', to: orgs.district, reason: '越级' },
      ctxOf(clerkAt(orgs.village)),
    );
    expect(fromVillage).toMatchObject({ code: 'ESCALATE_NOT_PARENT' });
    const fromTop = decide(
      { ...handling, owner: orgs.district },
      { action: 'transfer', transferKind: 'escalate_up', to: orgs.town, reason: '上提' },
      ctxOf(clerkAt(orgs.district)),
    );
    expect(fromTop).toMatchObject({ httpStatus: 409, code: 'ESCALATE_FROM_TOP' });
  });

  it('lets a station escalate to the center it hangs under', () => {
    const r = decide(
      { ...handling, owner: orgs.justiceStation },
      { action: 'transfer', transferKind: 'escalate_up', to: orgs.town, reason: '需镇统筹' },
      ctxOf(clerkAt(orgs.justiceStation)),
    );
    expect(r.ok).toBe(true);
  });

  it('dispatches down only into its own subtree, and 转办 only to a non-center', () => {
    expect(transfer(orgs.village, 'dispatch_down').ok).toBe(true);
    expect(transfer(orgs.village3, 'dispatch_down')).toMatchObject({ code: 'DISPATCH_NOT_BELOW' });
    expect(transfer(orgs.justiceStation, 'to_department').ok).toBe(true);
    expect(transfer(orgs.village, 'to_department')).toMatchObject({ code: 'DEPARTMENT_TARGET_TERRITORIAL' });
    expect(transfer(orgs.town, 'to_department')).toMatchObject({ code: 'TRANSFER_TO_SELF' });
  });

  it('lets the sweep escalate but not accept', () => {
    const s = buildMatter({ status: 'registered' });
    expect(
      decide(
        s,
        { action: 'transfer', transferKind: 'escalate_up', to: orgs.town, reason: '超期自动上提' },
        ctxOf(sweep),
      ).ok,
    ).toBe(true);
    expect(decide(s, { action: 'accept' }, ctxOf(sweep))).toMatchObject({ httpStatus: 403 });
  });

  it('recalls an unsigned transfer back to where it was, owner unchanged throughout', () => {
    const s = stateIn('dispute', 'transferring');
    const r = decide(s, { action: 'recall', reason: '发错' }, ctxOf(clerkAt(orgs.village)));
    expect(r).toMatchObject({ ok: true, next: { status: 'handling', owner: { id: 'v1' }, transfer: null } });
    expect(r.ok && r.ownerChange).toBeNull();
  });

  it('merges a receiving co-handler into the lead', () => {
    const s = {
      ...stateIn('dispute', 'transferring'),
      coHandlers: [{ org: orgs.town, status: 'working' as const }],
    };
    const r = decide(s, { action: 'receive' }, ctxOf(clerkAt(orgs.town)));
    expect(r).toMatchObject({ ok: true, next: { owner: { id: 't1' }, coHandlers: [] } });
  });
});

describe('objections to a wrong dispatch (XF art. 23(3))', () => {
  // The town dispatches (交办) a petition to the village, which signs for it.
  const sent = decide(
    { ...stateIn('petition', 'registered'), owner: orgs.town },
    { action: 'transfer', transferKind: 'dispatch_down', to: orgs.village, reason: '属地办理' },
    ctxOf(clerkAt(orgs.town)),
  );
  if (!sent.ok) throw new Error(sent.message);
  const received = decide(sent.next, { action: 'receive' }, ctxOf(clerkAt(orgs.village)));
  if (!received.ok) throw new Error(received.message);
  const s = received.next;
  const window = (days: number) => [{ basis: 'XF-23-objection', orgId: 'v1', dueAt: daysAfter(NOW, days) }];

  it('is refused after the 5-working-day window', () => {
    const r = decide(s, { action: 'object', reason: '不属于本村' }, ctxOf(clerkAt(orgs.village), window(-1)));
    expect(r).toMatchObject({ httpStatus: 409, code: 'OBJECTION_WINDOW_CLOSED' });
  });

  it('is decided by the sender or above, not by the receiver', () => {
    const objected = decide(
      s,
      { action: 'object', reason: '不属于本村' },
      ctxOf(clerkAt(orgs.village), window(2)),
    );
    if (!objected.ok) throw new Error(objected.message);
    const o = objected.next;
    const cmd: MatterCommand = { action: 'decide_objection', upheld: false, reason: '属村职责' };
    expect(decide(o, cmd, ctxOf(staff(orgs.village, ['leader'])))).toMatchObject({
      code: 'NOT_SENDER_LEVEL',
    });
    expect(decide(o, cmd, ctxOf(staff(orgs.district, ['leader'])))).toMatchObject({
      ok: true,
      next: { status: 'registered', owner: { id: 'v1' } },
    });
    const again = decide(o, cmd, ctxOf(staff(orgs.town, ['leader'])));
    expect(
      again.ok &&
        decide(again.next, { action: 'object', reason: '再议' }, ctxOf(clerkAt(orgs.village), window(2))),
    ).toMatchObject({ code: 'OBJECTION_NOT_APPLICABLE' });
  });
});

describe('answering and closing', () => {
  it('answers a consultation on the spot but other kinds only after acceptance', () => {
    const handler = staff(orgs.village, ['handler']);
    expect(decide(stateIn('consultation', 'registered'), { action: 'answer' }, ctxOf(handler)).ok).toBe(true);
    expect(decide(stateIn('request', 'registered'), { action: 'answer' }, ctxOf(handler))).toMatchObject({
      code: 'NOT_ACCEPTED_YET',
    });
  });

  it('makes an assigned matter report back to its assigner before the resident is answered', () => {
    const assigned = { ...stateIn('request', 'handling'), assignedBy: orgs.town };
    const handler = staff(orgs.village, ['handler']);
    expect(decide(assigned, { action: 'answer' }, ctxOf(handler))).toMatchObject({
      code: 'REPORT_BACK_REQUIRED',
    });
    expect(
      decide(stateIn('request', 'handling'), { action: 'submit_feedback' }, ctxOf(handler)),
    ).toMatchObject({
      code: 'NOT_ASSIGNED',
    });
  });

  it('files a dispute only after rating and follow-up', () => {
    const r = decide(
      stateIn('dispute', 'answered'),
      { action: 'archive', archiveNo: 'A-1' },
      ctxOf(clerkAt(orgs.village)),
    );
    expect(r).toMatchObject({ httpStatus: 409, code: 'LOOP_NOT_CLOSED' });
    expect(
      decide(
        stateIn('dispute', 'followed_up'),
        { action: 'archive', archiveNo: ' ' },
        ctxOf(clerkAt(orgs.village)),
      ),
    ).toMatchObject({ httpStatus: 422, code: 'ARCHIVE_NO_REQUIRED' });
  });

  it('keeps a rating that is unsatisfied for a non-substantive reason without rework', () => {
    const r = decide(
      stateIn('request', 'answered'),
      { action: 'rate', rating: 'unsatisfied', substantive: false, reason: '态度一般' },
      ctxOf(resident),
    );
    expect(r).toMatchObject({ ok: true, next: { status: 'rated', reworkCount: 0 } });
  });
});

describe('intake guards', () => {
  it('does not accept a matter already in progress elsewhere (XF art. 19(3))', () => {
    const r = decide(
      stateIn('petition', 'registered'),
      { action: 'accept', sameMatter: { code: '620602-2026-000007', final: false } },
      ctxOf(clerkAt(orgs.village)),
    );
    expect(r).toMatchObject({ httpStatus: 409, code: 'DUPLICATE_IN_PROGRESS' });
  });

  it('refuses to merge a matter into itself', () => {
    const s = stateIn('dispute', 'registered');
    const r = decide(s, { action: 'merge', intoCode: s.code, reason: '并单' }, ctxOf(clerkAt(orgs.village)));
    expect(r).toMatchObject({ httpStatus: 422, code: 'MERGE_INTO_SELF' });
  });

  it('registers only for the intake org itself (首问负责)', () => {
    const input = { code: '620602-2026-000001', kind: 'dispute' as const, owner: orgs.town };
    expect(registerMatter(input, { now: NOW, actor: clerkAt(orgs.village) })).toMatchObject({
      code: 'NOT_OWNER',
    });
    expect(registerMatter({ ...input, code: '62-1' }, { now: NOW, actor: clerkAt(orgs.town) })).toMatchObject(
      {
        code: 'INVALID_MATTER_CODE',
      },
    );
    expect(registerMatter(input, { now: NOW, actor: resident })).toMatchObject({ ok: true });
  });

  it('answers an unknown action or a malformed command with 422, never a throw', () => {
    const s = stateIn('dispute', 'handling');
    const ctx = ctxOf(clerkAt(orgs.village));
    expect(decide(s, { action: 'fly' } as unknown as MatterCommand, ctx)).toMatchObject({ httpStatus: 422 });
    expect(decide(s, null as unknown as MatterCommand, ctx)).toMatchObject({ httpStatus: 422 });
    const bad = {
      action: 'transfer',
      transferKind: 'sideways',
      to: 42,
      reason: '分流',
    } as unknown as MatterCommand;
    expect(decide(s, bad, ctx)).toMatchObject({ httpStatus: 422, code: 'INVALID_INPUT' });
  });

  it('refuses a terminated mediation recorded as an agreement', () => {
    const r = decide(
      stateIn('dispute', 'mediating'),
      { action: 'terminate_mediation', terminationReason: 'agreement_reached', reason: '达成' },
      ctxOf(staff(orgs.village, ['mediator'])),
    );
    expect(r).toMatchObject({ httpStatus: 422, code: 'USE_AGREE' });
  });
});
