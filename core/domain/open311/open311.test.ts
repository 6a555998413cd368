import { describe, expect, it } from 'vitest';
import { demoServiceCatalog, serviceItemByCode } from '../catalog/service-catalog';
import { matterStatuses } from '../matters/model';
import {
  checkAttributes,
  defaultTitle,
  extendedStatuses,
  matterStatusesFor,
  open311DateTime,
  open311Items,
  open311Statuses,
  placePrecisionOf,
  publicPlace,
  readOpen311Form,
  toOpen311Definition,
  toOpen311Xml,
} from '.';

const item = (code: string) => serviceItemByCode(demoServiceCatalog, code)!;

describe('form reading', () => {
  it('keeps attribute[code] single and collects repeated attribute[code][]', () => {
    const f = readOpen311Form([
      ['service_code', 'SVC-03'],
      ['attribute[category]', 'MED-02'],
      ['attribute[materials_ready][]', 'M1'],
      ['attribute[materials_ready][]', 'M2'],
    ]);
    expect(f.fields).toEqual({ service_code: 'SVC-03' });
    expect(f.attributes).toEqual({ category: ['MED-02'], materials_ready: ['M1', 'M2'] });
    expect(f.repeated).toEqual([]);
  });

  it('reports a single-value attribute given twice, or in both styles', () => {
    expect(
      readOpen311Form([
        ['attribute[a]', '1'],
        ['attribute[a]', '2'],
      ]).repeated,
    ).toEqual(['attribute[a]']);
    expect(
      readOpen311Form([
        ['attribute[a][]', '1'],
        ['attribute[a]', '2'],
      ]).repeated,
    ).toEqual(['attribute[a]']);
    expect(
      readOpen311Form([
        ['phone', '1'],
        ['phone', '2'],
      ]).repeated,
    ).toEqual(['phone']);
  });
});

describe('statuses', () => {
  it('maps every lifecycle status to open/closed and an FMS extended status', () => {
    for (const s of matterStatuses) {
      expect(['open', 'closed']).toContain(open311Statuses[s].status);
      expect(extendedStatuses).toContain(open311Statuses[s].extended);
    }
    expect(open311Statuses.reviewing).toEqual({ status: 'open', extended: 'REOPEN' });
    expect(open311Statuses.merged.extended).toBe('DUPLICATE');
  });

  it('turns open/closed filters into the statuses they stand for', () => {
    const open = matterStatusesFor(['open']);
    const closed = matterStatusesFor(['closed']);
    expect(open).toContain('handling');
    expect(closed).toContain('archived');
    expect([...open, ...closed].sort()).toEqual([...matterStatuses].sort());
  });

  it('writes dates in China Standard Time with the designator', () => {
    expect(open311DateTime(new Date('2026-03-02T01:05:00.999Z'))).toBe('2026-03-02T09:05:00+08:00');
    expect(open311DateTime(new Date('2026-03-02T16:30:00Z'))).toBe('2026-03-03T00:30:00+08:00');
  });
});

describe('services', () => {
  it('lists only public items', () => {
    expect(open311Items(demoServiceCatalog).every((i) => i.public)).toBe(true);
    expect(open311Items(demoServiceCatalog).map((i) => i.code)).not.toContain('SVC-11');
  });

  it('asks for the category only when the item does not fix it', () => {
    expect(toOpen311Definition(item('SVC-03')).attributes[0]!.code).toBe('category');
    expect(toOpen311Definition(item('SVC-02')).attributes.map((a) => a.code)).not.toContain('category');
  });

  it('checks posted attributes against the definition', () => {
    const svc = item('SVC-03');
    expect(checkAttributes(svc, { category: ['MED-02'], materials_ready: ['M2', 'M1', 'M2'] })).toEqual({
      ok: true,
      value: {
        categoryCode: 'MED-02',
        title: null,
        materialsReady: [svc.materials[1]!.name, svc.materials[0]!.name],
      },
    });
    const bad = checkAttributes(svc, { materials_ready: ['M9'], colour: ['red'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => p.code).sort()).toEqual(['category', 'colour', 'materials_ready']);
    const fixed = checkAttributes(item('SVC-02'), {});
    expect(fixed).toMatchObject({ ok: true, value: { categoryCode: 'PET-01' } });
  });

  it('makes a title from the service and the description, within 80 characters', () => {
    expect(defaultTitle(item('SVC-03'), '  排水沟\n堵塞 ')).toBe('矛盾纠纷调解申请：排水沟 堵塞');
    expect(defaultTitle(item('SVC-03'), '很'.repeat(200))).toHaveLength(80);
  });
});

describe('privacy and XML', () => {
  it('rounds the place and drops the address unless the category is a public-space grid event', () => {
    const p = { lng: 102.634567, lat: 37.928765, address: '某巷 3 号' };
    expect(publicPlace(p, placePrecisionOf('dispute', { group: 'mediation' }))).toEqual({
      lng: 102.63,
      lat: 37.93,
      address: null,
    });
    expect(publicPlace(p, placePrecisionOf('report', { group: 'grid_event' }))).toEqual({
      lng: 102.63457,
      lat: 37.92877,
      address: '某巷 3 号',
    });
  });

  it('names list items as the spec does and escapes text', () => {
    expect(toOpen311Xml('errors', [{ code: 400, description: 'a<b & "c"\u0001' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>a&lt;b &amp; &quot;c&quot;</description></error></errors>',
    );
    expect(toOpen311Xml('service_requests', [{ lat: null }])).toContain(
      '<service_requests><request><lat/></request>',
    );
  });
});
