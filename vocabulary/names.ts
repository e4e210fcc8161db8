/**
 * Names of units and bodies inside a sentence. A letter names a body in full where it is
 * addressed ("Kính gửi") and signed; in its sentences, as an officer writes, without the
 * place the reader cannot mistake: "Ban Dân vận Huyện ủy", "Thường trực Huyện ủy", "Ủy ban
 * MTTQ xã", "Hội Nông dân huyện" — never "Ủy ban MTTQ xã" to the district, which has many.
 */
import type { PlanIndex } from '../domain/occurrences';
import { formatInstantVi } from './dates';
import { MASS_ORGANISATIONS_WORDS, RESOLUTION_LABELS } from './labels';
import { countVi, joinVi } from './text';

/** The type words a unit's name starts with: `huyện Lục Ngạn`, `thị trấn Chũ`, `đặc khu Hòn Ngọc`. */
const UNIT_TYPE = /^(huyện|xã|thị trấn|thị xã|tỉnh|thành phố|quận|phường|đặc khu)\s+/iu;

/** The place a unit's name names, without its type word: `Lục Ngạn` of `huyện Lục Ngạn`. */
export function placeOfUnit(unitName: string): string {
  return unitName.replace(UNIT_TYPE, '');
}

/** A name without the place of `unitName` at its end (`Ủy ban MTTQ xã` of `Ủy ban MTTQ xã Biên Sơn`, in xã Biên Sơn); as it is otherwise. */
export function withoutPlace(name: string, unitName: string): string {
  const place = placeOfUnit(unitName);
  return place && name.endsWith(` ${place}`) ? name.slice(0, -place.length - 1) : name;
}

/**
 * A body's name in a sentence read in `readerUnit`: without its place (`Ủy ban MTTQ xã`,
 * `Thường trực Huyện ủy`) when the body is of the reader's own unit or of a unit alone at its
 * level (the district); its full name otherwise, and when it does not end with its place.
 */
export function bodyNameIn(index: Pick<PlanIndex, 'bodies' | 'units' | 'bodyName'>, bodyId: string, readerUnit: string | undefined): string {
  const full = index.bodyName(bodyId);
  const body = index.bodies.get(bodyId);
  const unit = body && index.units.get(body.unit);
  if (!unit) return full;
  const alone = [...index.units.values()].filter((u) => u.level === unit.level).length === 1;
  if (unit.id !== readerUnit && !alone) return full;
  return withoutPlace(full, unit.name);
}

/**
 * Who convenes a duty's meeting and sends its invitations: the office that issues the owners'
 * invitations (`Văn phòng Huyện ủy` for Thường trực), or the owners themselves — named in full,
 * or as a sentence read in `readerUnit` names them.
 */
export function convenerVi(index: Pick<PlanIndex, 'bodies' | 'units' | 'bodyName'>, owners: readonly string[], readerUnit?: string): string {
  const name = (id: string) => index.bodies.get(id)?.office ?? (readerUnit === undefined ? index.bodyName(id) : bodyNameIn(index, id, readerUnit));
  return joinVi([...new Set(owners.map(name))]);
}

/**
 * Bodies named together as an officer names them when they are exactly the Fatherland Front
 * and the socio-political organisations of one unit (the directory's `mass`): `Ủy ban MTTQ và
 * 05 tổ chức chính trị - xã hội huyện` (read in `readerUnit`, as bodyNameIn names the Front).
 * Undefined when they are anything else: other bodies, a member missing, several units.
 */
export function frontAndOrganisationsVi(index: Pick<PlanIndex, 'bodies' | 'units' | 'bodyName'>, ids: readonly string[], readerUnit: string | undefined): string | undefined {
  const bodies = [...new Set(ids)].map((id) => index.bodies.get(id));
  if (bodies.length === 0 || bodies.some((b) => b === undefined)) return undefined;
  const unitId = bodies[0]!.unit;
  const unit = index.units.get(unitId);
  if (!unit || bodies.some((b) => b!.unit !== unitId || b!.mass === undefined)) return undefined;
  const fronts = bodies.filter((b) => b!.mass === 'front');
  const organisations = bodies.length - fronts.length;
  // Exactly: the unit's one Front, and every organisation the unit has.
  const all = [...index.bodies.values()].filter((b) => b.unit === unitId && b.mass === 'organisation').length;
  if (fronts.length !== 1 || organisations === 0 || organisations !== all) return undefined;
  const front = fronts[0]!;
  const full = index.bodyName(front.id);
  if (!full.endsWith(` ${unit.name}`)) return undefined;
  const base = full.slice(0, -unit.name.length - 1);
  const where = bodyNameIn(index, front.id, readerUnit).slice(base.length).trim();
  return `${base} và ${countVi(organisations)} ${MASS_ORGANISATIONS_WORDS}${where ? ` ${where}` : ''}`;
}

/**
 * Who reported a result, as an officer records it: the name, and with the post the person
 * holds, `đồng chí Nguyễn Văn A, Phó Chủ tịch Ủy ban MTTQ xã`. Without a post `by` is shown as
 * given (it may name a body: `Văn phòng Ban`). Every surface that shows a reporter uses this.
 */
export function reporterVi(r: { by: string; position?: string }): string {
  const position = r.position?.trim().replace(/\s+/gu, ' ');
  if (!position) return r.by;
  let name = r.by.trim();
  let post = position;
  // The pages record `name (body of the link)`: a post that ends with that body's name, or with
  // its start (`Phó Chủ tịch Ủy ban MTTQ xã`), takes the whole name, and the body is not said twice.
  const withBody = /^(.+?)\s*\(([^()]+)\)$/u.exec(name);
  const completed = withBody && postNamingBody(position, withBody[2]!.trim());
  if (completed) [name, post] = [withBody[1]!.trim(), completed];
  return `${/^đồng chí\s/iu.test(name) ? name : `đồng chí ${name}`}, ${post}`;
}

/**
 * The post with the body's whole name, when it ends with that name or with the start of it at
 * least as far as the body's kind (`Ủy ban MTTQ` of `Ủy ban MTTQ xã Biên Sơn`, `Huyện đoàn` of
 * `Huyện đoàn Lục Ngạn`: the name before its place); otherwise undefined.
 */
function postNamingBody(typed: string, body: string): string | undefined {
  const post = typed.normalize('NFC'); // composed, as `fold` compares: the lengths below then agree
  const words = body.split(/\s+/u);
  const typeAt = words.findIndex((w, i) => i > 0 && w === w.toLocaleLowerCase('vi') && UNIT_TYPE.test(words.slice(i).join(' ')));
  const kindWords = typeAt > 0 ? typeAt : Math.max(1, words.length - 2);
  const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');
  const folded = fold(post);
  for (let n = words.length; n >= kindWords; n--) {
    const start = fold(words.slice(0, n).join(' '));
    const before = post.length - start.length;
    if (folded.slice(-start.length) === start && (before === 0 || post[before - 1] === ' ')) return `${post.slice(0, before)}${body}`;
  }
  return undefined;
}

/** A result in one line: `Báo cáo đã hoàn thành — đồng chí …, Chủ tịch …, 09:15 thứ Hai, 30/9/2024`. */
export function resolutionLineVi(r: { action: keyof typeof RESOLUTION_LABELS; by: string; position?: string; atMs: number }): string {
  return `${RESOLUTION_LABELS[r.action]} — ${reporterVi(r)}, ${formatInstantVi(r.atMs)}`;
}
