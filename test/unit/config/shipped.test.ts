/**
 * The shipped configuration (config/directory.yaml, config/plan.yaml and the official
 * calendar) loads, and encodes the plan as obligations.md and the plan's text say.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config, Obligation } from '../../../domain/model';
import { loadConfig } from '../../../config/load';
import { formatWarning, type ConfigWarning } from '../../../config/errors';
import { ROOT } from './helpers';

const SHARED = path.resolve(ROOT, '../shared/plan');
const OBLIGATIONS_MD = path.join(SHARED, 'obligations.md');
const PLAN_TXT = path.join(SHARED, 'ke-hoach-115-KL-TU-luc-ngan-2021.txt');

/** obligations.md's table, kept here too so that the test runs without shared/. */
const OBLIGATIONS: ReadonlyArray<readonly [id: string, ref: string]> = [
  ['quarterly-briefing', 'II.1 ¶2'],
  ['chair-working-session', 'II.2 ¶3'],
  ['citizen-reception-invite', 'II.2 ¶3'],
  ['coordination-regulation', 'II.2 ¶4'],
  ['district-regulation-review', 'IV.1'],
  ['creative-activity-registration', 'II.3 ¶1'],
  ['implementation-plans', 'IV.2'],
  ['media-publicity', 'IV.3'],
  ['annual-implementation-report', 'IV.4'],
  ['great-unity-day', 'II.3 (MTTQ)'],
  ['veterans-chair-indicator', 'II.3 (Hội CCB)'],
  ['union-membership-indicator', 'II.3 (Công đoàn)'],
  ['youth-membership-indicator', 'II.3 (Đoàn TN)'],
];

/** The duties the first version of the table missed (obligations.md's second table). */
const MISSED: ReadonlyArray<readonly [id: string, ref: string]> = [
  ['coordination-programmes', 'II.2 ¶1'],
  ['participation-proposals', 'II.2 ¶2'],
  ['working-conditions', 'II.2 ¶3'],
];

const DISTRICT_BODIES = [
  'btv-huyen-uy', 'tt-huyen-uy', 'ban-dan-van', 'ban-tuyen-giao', 'hdnd-huyen', 'ubnd-huyen',
  'mttq-huyen', 'ldld-huyen', 'hnd-huyen', 'hccb-huyen', 'hlhpn-huyen', 'huyen-doan',
];
const COMMUNE_KINDS = ['dang-uy', 'hdnd', 'ubnd', 'mttq', 'hnd', 'hccb', 'hlhpn', 'doan-tn'];

/** units-and-calendar.md: thị trấn Chũ and the 28 xã of 2020–2024. */
const COMMUNES_2021: Record<string, string> = {
  chu: 'thị trấn Chũ', 'bien-son': 'xã Biên Sơn', 'bien-dong': 'xã Biển Động', 'cam-son': 'xã Cấm Sơn',
  'deo-gia': 'xã Đèo Gia', 'dong-coc': 'xã Đồng Cốc', 'giap-son': 'xã Giáp Sơn', 'ho-dap': 'xã Hộ Đáp',
  'hong-giang': 'xã Hồng Giang', 'kien-lao': 'xã Kiên Lao', 'kien-thanh': 'xã Kiên Thành', 'kim-son': 'xã Kim Sơn',
  'my-an': 'xã Mỹ An', 'nam-duong': 'xã Nam Dương', 'phi-dien': 'xã Phì Điền', 'phong-minh': 'xã Phong Minh',
  'phong-van': 'xã Phong Vân', 'phu-nhuan': 'xã Phú Nhuận', 'phuong-son': 'xã Phượng Sơn', 'quy-son': 'xã Quý Sơn',
  'sa-ly': 'xã Sa Lý', 'son-hai': 'xã Sơn Hải', 'tan-hoa': 'xã Tân Hoa', 'tan-lap': 'xã Tân Lập',
  'tan-moc': 'xã Tân Mộc', 'tan-quang': 'xã Tân Quang', 'tan-son': 'xã Tân Sơn', 'thanh-hai': 'xã Thanh Hải',
  'tru-huu': 'xã Trù Hựu',
};
/** The ten units that formed thị xã Chũ on 1/1/2025 (NQ 1191/NQ-UBTVQH15). */
const TO_THI_XA_CHU = ['chu', 'hong-giang', 'phuong-son', 'thanh-hai', 'tru-huu', 'kien-lao', 'kien-thanh', 'my-an', 'nam-duong', 'quy-son'];

/** The rows of obligations.md's obligations table: id, clause, and the whole row. */
function tableRows(markdown: string): Array<{ id: string; ref: string; row: string }> {
  return [...markdown.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+?) \|(.*)$/gm)].map((m) => ({ id: m[1] as string, ref: (m[2] as string).trim(), row: m[0] }));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

let config: Config;
let warnings: ConfigWarning[];
beforeAll(() => {
  ({ config, warnings } = loadConfig());
});

const obligation = (id: string): Obligation => {
  const o = config.plan.obligations.find((x) => x.id === id);
  if (!o) throw new Error(`no obligation ${id}`);
  return o;
};

describe('the shipped configuration', () => {
  it('loads, with its counts', () => {
    expect(config.directory.units).toHaveLength(32); // the district, 29 communes, 2 thị trấn of 2025
    expect(config.directory.bodies).toHaveLength(260); // 12 district bodies, 8 for each of 31 communes
    expect(config.plan.obligations).toHaveLength(OBLIGATIONS.length + MISSED.length);
    expect(config.calendar.length).toBeGreaterThan(0);
    expect(Object.isFrozen(config.plan.obligations[0])).toBe(true);
  });

  it('has every obligation of obligations.md under its id, with its clause reference', () => {
    const byId = new Map(config.plan.obligations.map((o) => [o.id, o.clause.ref]));
    for (const [id, ref] of [...OBLIGATIONS, ...MISSED]) expect(byId.get(id), id).toBe(ref);
  });

  it.skipIf(!existsSync(OBLIGATIONS_MD))('matches the table of obligations.md as it is now', () => {
    const rows = tableRows(readFileSync(OBLIGATIONS_MD, 'utf8'));
    expect(rows.map((r) => [r.id, r.ref])).toEqual(OBLIGATIONS.map(([id, ref]) => [id, ref]));
    // Where the table's default due is "our proposal", the plan says so in dueNote.
    for (const row of rows.filter((r) => r.row.includes('proposal'))) expect(obligation(row.id).dueNote, row.id).toBeTruthy();
  });

  it.skipIf(!existsSync(PLAN_TXT))("quotes the plan's own words in every clause, chased or not (its straight quotes written “…”)", () => {
    const text = squash(readFileSync(PLAN_TXT, 'utf8')).replace(/"([^"]*)"/g, '“$1”');
    for (const o of config.plan.obligations) expect(text, o.id).toContain(squash(o.clause.text));
    expect(config.plan.notChased.length).toBeGreaterThan(0);
    for (const n of config.plan.notChased) expect(text, n.clause.ref).toContain(squash(n.clause.text));
  });

  it('writes quotations “…” in every title and clause, never straight quotes', () => {
    const texts = [...config.plan.obligations.flatMap((o) => [o.title, o.shortTitle ?? '', o.clause.text]), ...config.plan.notChased.map((n) => n.clause.text)];
    for (const t of texts) expect(t).not.toMatch(/["«»]/);
    expect(obligation('great-unity-day').title).toBe('Tổ chức “Ngày hội Đại đoàn kết toàn dân tộc” ở các khu dân cư');
  });

  it('encodes the three duties of II.2 the first table missed, with their reasons for the proposed due dates', () => {
    const programmes = obligation('coordination-programmes');
    expect(programmes).toMatchObject({ owner: { kinds: ['mttq', 'ldld', 'hnd', 'hccb', 'hlhpn', 'doan-tn'], level: 'all' }, ownerMode: 'each' });
    expect(programmes.schedules).toEqual([{ recurrence: 'annual', due: { rule: 'day-of-year', month: 3, day: 31, adjust: 'previous' } }]);
    expect(obligation('participation-proposals')).toMatchObject({ owner: { kinds: ['ubnd'], level: 'all' } });
    // Funding follows the annual budget cycle: the next year's budget is decided in December.
    const funding = obligation('working-conditions');
    expect(funding).toMatchObject({ owner: { kinds: ['ubnd'], level: 'all' }, schedules: [{ recurrence: 'annual', due: { rule: 'end-of-period' } }] });
    expect(funding.dueNote).toContain('ngân sách');
    for (const [id] of MISSED) expect(obligation(id).resolution.type, id).toBe('evidence');
  });

  it('says why each clause it does not chase is not chased', () => {
    for (const n of config.plan.notChased) expect(n.reason.length, n.clause.ref).toBeGreaterThan(20);
  });

  it('has the district bodies of obligations.md and the bodies of every commune', () => {
    const ids = new Set(config.directory.bodies.map((b) => b.id));
    for (const id of DISTRICT_BODIES) expect(ids.has(id), id).toBe(true);
    for (const unit of config.directory.units.filter((u) => u.level === 'commune')) {
      for (const kind of COMMUNE_KINDS) expect(ids.has(`${kind}-${unit.id}`), `${kind}-${unit.id}`).toBe(true);
    }
    expect(config.directory.bodies.find((b) => b.id === 'mttq-bien-son')?.name).toBe('Ủy ban MTTQ xã Biên Sơn');
  });

  it('escalates district bodies to Ban Dân vận then Thường trực, commune bodies to their Party committee then Ban Dân vận', () => {
    const supervisors = (id: string) => config.directory.bodies.find((b) => b.id === id)?.supervisors;
    for (const id of ['mttq-huyen', 'ldld-huyen', 'hnd-huyen', 'hccb-huyen', 'hlhpn-huyen', 'huyen-doan', 'ubnd-huyen']) {
      expect(supervisors(id), id).toEqual(['ban-dan-van', 'tt-huyen-uy']);
    }
    expect(supervisors('ubnd-bien-son')).toEqual(['dang-uy-bien-son', 'ban-dan-van']);
    expect(supervisors('dang-uy-bien-son')).toEqual(['ban-dan-van', 'tt-huyen-uy']);
  });

  it('gives the Party leadership and every commune Party committee their Party role, and no one else', () => {
    const roles = new Map(config.directory.bodies.filter((b) => b.partyRole).map((b) => [b.id, b.partyRole]));
    expect(roles.get('tt-huyen-uy')).toBe('leadership');
    expect(roles.get('btv-huyen-uy')).toBe('leadership');
    const committees = config.directory.bodies.filter((b) => b.kind === 'dang-uy');
    expect(committees).toHaveLength(31);
    for (const b of committees) expect(b.partyRole, b.id).toBe('leading-committee');
    expect(roles.size).toBe(2 + committees.length);
  });

  it('has the two levels of 2021, the district over the communes, which are the grassroots', () => {
    expect(config.directory.levels).toEqual([
      { id: 'district', name: 'huyện' },
      { id: 'commune', name: 'xã', units: 'xã, thị trấn', grassroots: true },
    ]);
    expect(config.directory.levelWords).toEqual({ all: 'các cấp', same: 'cùng cấp', grassroots: 'cơ sở' });
  });

  it('has the units of 2021 with their names, valid on the plan date', () => {
    const from = config.plan.period.from;
    const units = new Map(config.directory.units.map((u) => [u.id, u]));
    const huyen = units.get('huyen');
    expect(huyen?.level).toBe('district');
    for (const [id, name] of Object.entries(COMMUNES_2021)) {
      const unit = units.get(id);
      expect(unit?.name, id).toBe(name);
      expect(unit?.level).toBe('commune');
    }
    for (const unit of [huyen, ...Object.keys(COMMUNES_2021).map((id) => units.get(id))]) {
      expect(unit && unit.validFrom <= from && (unit.validTo === undefined || unit.validTo >= from), unit?.id).toBe(true);
    }
    for (const unit of config.directory.units) expect(unit.source, unit.id).toBeTruthy();
  });

  it('encodes the 2025 reorganisations with validTo and the way each unit ends', () => {
    const units = new Map(config.directory.units.map((u) => [u.id, u]));
    for (const id of TO_THI_XA_CHU) {
      expect(units.get(id), id).toMatchObject({
        validTo: '2024-12-31',
        end: { way: 'transferred', reason: 'chuyển về thị xã Chũ từ ngày 01/01/2025 (Nghị quyết 1191/NQ-UBTVQH15)' },
      });
    }
    expect(units.get('phi-dien')).toMatchObject({ validTo: '2024-12-31', end: { way: 'merged', successor: 'tt-phi-dien' } });
    expect(units.get('bien-dong')).toMatchObject({ validTo: '2024-12-31', end: { way: 'merged', successor: 'tt-bien-dong' } });
    expect(units.get('huyen')?.end?.way).toBe('abolished');
    // Only the district is abolished: every commune lives on, in or out of the plan's scope.
    for (const unit of config.directory.units.filter((u) => u.id !== 'huyen')) expect(unit.end?.way, unit.id).not.toBe('abolished');
    for (const unit of config.directory.units) expect(unit.end?.reason ?? '', unit.id).not.toMatch(/giải thể|không còn tồn tại/);
    expect(units.get('tt-phi-dien')).toMatchObject({ validFrom: '2025-01-01', name: 'thị trấn Phì Điền' });
    // The district level ends on 30/6/2025, and every unit and body with it.
    expect(units.get('huyen')?.validTo).toBe('2025-06-30');
    for (const unit of config.directory.units) expect(unit.validTo !== undefined && unit.validTo <= '2025-06-30', unit.id).toBe(true);
    expect(config.directory.bodies.find((b) => b.id === 'ban-dan-van')?.validTo).toBe('2025-06-30');
  });

  it('has the plan, its monitor and period', () => {
    const { plan } = config;
    expect(plan.monitor).toBe('ban-dan-van');
    expect(plan.period.from.startsWith('2021-08-')).toBe(true);
    expect(plan.period.to).toBe('2025-12-31');
    expect(plan.source).toMatchObject({ type: 'Kế hoạch', issuedBy: 'btv-huyen-uy' });
    expect(plan.source.subject).toContain('115-KL/TU');
    // The copy at hand leaves the number and the day blank: not invented here.
    expect(plan.source.number).toBeUndefined();
    expect(plan.source.signedOn).toBeUndefined();
  });

  it('gives each obligation what the table says', () => {
    const session = obligation('chair-working-session');
    expect(session.schedules.map((s) => [s.key, s.recurrence])).toEqual([['quarterly', 'quarterly'], ['annual', 'annual']]);
    expect(session.owner).toEqual({ kinds: ['ubnd'], level: 'all' });
    expect(obligation('citizen-reception-invite').resolution).toEqual({ type: 'waivable' });
    const registration = obligation('creative-activity-registration');
    expect(registration.ownerMode).toBe('each');
    expect(registration.resolution.type).toBe('evidence');
    expect(obligation('veterans-chair-indicator').resolution).toMatchObject({ type: 'indicator', comparison: '>=', target: 55, unit: '%' });
    for (const id of ['union-membership-indicator', 'youth-membership-indicator']) {
      expect(obligation(id).resolution).toMatchObject({ type: 'indicator', comparison: '>=' });
    }
    expect(obligation('implementation-plans').schedules[0]?.due).toEqual({ rule: 'date', date: '2021-09-30', adjust: 'previous' });
    expect(obligation('quarterly-briefing').owner).toEqual({ body: 'tt-huyen-uy' });
    expect(obligation('annual-implementation-report').owner).toEqual({ body: 'ban-dan-van' });
    // Ban Thường vụ receives the annual report; it does not draft it.
    expect(obligation('annual-implementation-report')).toMatchObject({ participants: [], receivers: [{ body: 'btv-huyen-uy' }] });
    // The reception duty is to invite, two working days before the chair's reception day.
    expect(obligation('citizen-reception-invite')).toMatchObject({
      kind: 'invitation',
      schedules: [{ recurrence: 'monthly', due: { rule: 'before-event', workingDays: 2, event: { rule: 'day-of-month', day: 15, adjust: 'next' } } }],
    });
  });

  it('has a standard and a drill ladder', () => {
    const ladder = (id: string) => config.plan.ladders.find((l) => l.id === id);
    const standard = ladder('standard');
    expect(standard).toMatchObject({ measure: 'working-days', closeAfter: 20 });
    expect(standard?.reminders.map((r) => r.before)).toEqual([5, 1]);
    expect(standard?.onDue).not.toBeNull();
    expect(standard?.escalations[0]).toMatchObject({ after: 1, to: ['owner'], repeat: { every: 1 } });
    expect(standard?.escalations.find((e) => e.to.some((r) => typeof r === 'object' && 'supervisor' in r && r.supervisor === 1))?.after).toBe(3);
    expect(standard?.escalations.find((e) => e.to.some((r) => typeof r === 'object' && 'supervisor' in r && r.supervisor === 2))?.after).toBe(7);
    expect(ladder('drill')).toMatchObject({ measure: 'plain', stepDuration: '1m' });
  });

  it('writes everything people read in Vietnamese with diacritics', () => {
    const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
    const texts = [
      config.plan.title,
      ...config.plan.obligations.flatMap((o) => [o.title, o.clause.text, o.dueNote ?? 'đề xuất']),
      ...config.directory.units.map((u) => u.name),
      ...config.directory.bodies.map((b) => b.name),
    ];
    for (const text of texts) expect(text, text).toMatch(vietnamese);
  });

  it('warns once about the placeholder contacts, listing them, and once about the citation without a number', () => {
    expect(warnings.map((w) => w.code)).toEqual(['placeholder-contacts', 'plan-citation']);
    expect(formatWarning(warnings[1]!)).toMatch(
      /^config\/plan\.yaml:\d+:1: every letter, page and report cites the plan without its number \(source\.number\) and its day of signing \(source\.signedOn\) until it is filled in: “Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn \(tháng 8\/2021\) thực hiện Kết luận số 115-KL\/TU/,
    );
    const [warning] = warnings;
    expect(warning?.code).toBe('placeholder-contacts');
    expect(warning?.ids).toHaveLength(260);
    expect(warning?.message).toMatch(/^260 of 260 bodies have placeholder contacts/);
    expect(warning?.message).toContain('and 250 more');
    for (const body of config.directory.bodies) expect(body.contacts.every((c) => c.placeholder && c.email.endsWith('@example.vn'))).toBe(true);
  });
});
