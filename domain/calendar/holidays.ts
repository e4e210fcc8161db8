/**
 * The non-working days of state and Party bodies in one year, other than ordinary
 * Saturdays and Sundays: the public holidays of the Labour Code 2019 (art. 112), the
 * compensatory days of art. 111(3), and the days decided by the yearly official notices
 * (config/calendar/vn-official.yaml).
 *
 * Rules encoded (Labour Code 2019, in force since 01/01/2021; earlier years are computed
 * with the same rules, which is not historically exact):
 *  - Tết Dương lịch 1/1; Giỗ Tổ Hùng Vương 10/3 lunar; Ngày Chiến thắng 30/4;
 *    Ngày Quốc tế Lao động 1/5; Quốc khánh 2/9 — fixed by law;
 *  - Tết Nguyên đán, 5 days, and one day adjacent to 2/9 — chosen each year by the
 *    Government (see the defaults below for years without an official notice);
 *  - a holiday on a weekly rest day (Saturday or Sunday) gives a compensatory day on the
 *    next working day (art. 111(3)).
 *
 * Official data works per occasion (Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ, 30/4–1/5,
 * Quốc khánh): an occasion is *decided* by the official data when the data lists a day
 * off inside that occasion's window. For a decided occasion the official days replace the
 * computed defaults (the 5 Tết days, the day adjacent to 2/9) and no compensatory day is
 * computed for it — the notice already settles compensation. The dates fixed by law stay
 * holidays either way. Official `workingDays` (weekend days swapped into working days) are
 * never non-working.
 */
import type { LocalDate, OfficialDay, OfficialYear } from '../model';
import { addDays, compareDates, isWeekend, localDate, parts, weekday } from './local-date';
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar, solarToLunar } from './lunar';

/** Why a day is not worked. */
export type NonWorkingReason = 'holiday' | 'compensatory' | 'official';

/** One non-working day other than an ordinary Saturday or Sunday. */
export interface NonWorkingDay {
  date: LocalDate;
  /** Vietnamese name with diacritics: `Giỗ Tổ Hùng Vương`, `Nghỉ bù Ngày Chiến thắng`. */
  name: string;
  /**
   * `holiday`: a public holiday of art. 112 (a fixed date, or a default Tết / Quốc khánh
   * day for a year without official data); `compensatory`: computed under art. 111(3);
   * `official`: a day off listed by the official data.
   */
  reason: NonWorkingReason;
  /** For a compensatory day: the holiday, on a Saturday or Sunday, that it makes up for. */
  substituteFor?: LocalDate;
  /**
   * True for a day the Government decides each year (a Tết day, the day next to 2/9, or
   * a compensatory day for one) that was computed by default because no official data
   * decides that occasion yet.
   */
  estimated?: boolean;
}

type Occasion = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'national-day';

interface HolidayDay {
  date: LocalDate;
  name: string;
  occasion: Occasion;
  /** True for the dates the law fixes; false for days the Government chooses each year. */
  fixed: boolean;
}

const NAMES = {
  newYear: 'Tết Dương lịch',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
  nationalDayAdjacent: 'Quốc khánh (ngày liền kề)',
} as const;

/** `Tết Nguyên đán (29 tháng Chạp)`, `Tết Nguyên đán (mùng 1 tháng Giêng)`. */
export function tetDayName(date: LocalDate): string {
  const lunar = solarToLunar(date);
  const monthName = lunar.month === 12 ? 'tháng Chạp' : lunar.month === 1 ? 'tháng Giêng' : `tháng ${lunar.month}`;
  const dayName = lunar.day <= 10 ? `mùng ${lunar.day}` : String(lunar.day);
  return `Tết Nguyên đán (${dayName} ${monthName})`;
}

/**
 * Default Tết days for a year without official data: the last day of the old lunar year
 * (29 or 30 tháng Chạp) and mùng 1–4 tháng Giêng — "1 ngày trước Tết, 4 ngày sau Tết",
 * the arrangement the Government chose in 2022 (Công văn 245/VPCP-KGVX) and 2026 (Thông
 * báo 9441/TB-BNV) and the one the Ministry most often proposes. Days of it falling on a
 * weekend are compensated like any other holiday.
 */
export function defaultTetDays(year: number): LocalDate[] {
  const eve = lastDayOfLunarYear(year - 1);
  return [0, 1, 2, 3, 4].map((i) => addDays(eve, i));
}

/**
 * Default day adjacent to Quốc khánh (2/9) for a year without official data, by the
 * weekday of 2/9, following the decisions of 2021–2025: Monday → 3/9 (2024), Tuesday →
 * 1/9 (2025), Thursday → 3/9 (2021), Friday → 1/9 (2022), Saturday → 1/9 (2023). Without
 * precedent since the 2019 Code: Wednesday → 1/9 (joins no weekend either way; the earlier
 * day is our choice) and Sunday → 3/9 (then 2/9 is compensated on 4/9).
 */
export function defaultNationalDayAdjacent(year: number): LocalDate {
  const w = weekday(localDate(year, 9, 2));
  const before = w === 2 || w === 3 || w === 5 || w === 6; // Tue, Wed, Fri, Sat
  return localDate(year, 9, before ? 1 : 3);
}

/** The window of dates in which an official day off decides an occasion. */
function occasionWindows(year: number, hungKings: LocalDate, tet: LocalDate): Record<Occasion, [LocalDate, LocalDate]> {
  return {
    'new-year': [localDate(year, 1, 1), localDate(year, 1, 7)],
    tet: [addDays(tet, -10), addDays(tet, 10)],
    'hung-kings': [addDays(hungKings, -2), addDays(hungKings, 4)],
    reunification: [localDate(year, 4, 27), localDate(year, 5, 7)],
    'national-day': [localDate(year, 8, 28), localDate(year, 9, 7)],
  };
}

function within(d: LocalDate, [from, to]: [LocalDate, LocalDate]): boolean {
  return compareDates(from, d) <= 0 && compareDates(d, to) <= 0;
}

/** The occasions of `year` that the official data decides. */
function decidedOccasions(year: number, official: OfficialYear | undefined, hungKings: LocalDate, tet: LocalDate): Set<Occasion> {
  const decided = new Set<Occasion>();
  if (!official) return decided;
  const windows = occasionWindows(year, hungKings, tet);
  for (const day of official.daysOff) {
    for (const [occasion, window] of Object.entries(windows) as [Occasion, [LocalDate, LocalDate]][]) {
      if (within(day.date, window)) decided.add(occasion);
    }
  }
  return decided;
}

/** The holidays of art. 112 for `year`, with defaults for the occasions not decided officially. */
function statutoryHolidays(year: number, decided: Set<Occasion>, hungKings: LocalDate): HolidayDay[] {
  const days: HolidayDay[] = [
    { date: localDate(year, 1, 1), name: NAMES.newYear, occasion: 'new-year', fixed: true },
    { date: hungKings, name: NAMES.hungKings, occasion: 'hung-kings', fixed: true },
    { date: localDate(year, 4, 30), name: NAMES.reunification, occasion: 'reunification', fixed: true },
    { date: localDate(year, 5, 1), name: NAMES.labour, occasion: 'reunification', fixed: true },
    { date: localDate(year, 9, 2), name: NAMES.nationalDay, occasion: 'national-day', fixed: true },
  ];
  if (!decided.has('tet')) {
    for (const date of defaultTetDays(year)) days.push({ date, name: tetDayName(date), occasion: 'tet', fixed: false });
  }
  if (!decided.has('national-day')) {
    days.push({ date: defaultNationalDayAdjacent(year), name: NAMES.nationalDayAdjacent, occasion: 'national-day', fixed: false });
  }
  return days.sort((a, b) => compareDates(a.date, b.date));
}

/**
 * Every non-working day of `year` other than an ordinary Saturday/Sunday, sorted by date.
 * `official` is that year's official data, if any (its `year` must equal `year`).
 * Holidays falling on a weekend are listed too (they are the reason for compensatory days).
 */
export function nonWorkingDays(year: number, official?: OfficialYear): NonWorkingDay[] {
  if (official && official.year !== year) {
    throw new RangeError(`official data of ${official.year} given for year ${year}`);
  }
  const hungKings = lunarToSolar({ year, month: 3, day: 10 });
  const tet = lunarNewYear(year);
  const decided = decidedOccasions(year, official, hungKings, tet);
  const holidays = statutoryHolidays(year, decided, hungKings);
  const swapped = new Set((official?.workingDays ?? []).map((d) => d.date));

  const byDate = new Map<LocalDate, NonWorkingDay>();
  for (const h of holidays) byDate.set(h.date, withEstimate({ date: h.date, name: h.name, reason: 'holiday' }, !h.fixed));
  for (const day of official?.daysOff ?? []) {
    if (!byDate.has(day.date)) byDate.set(day.date, { date: day.date, name: day.name, reason: 'official' });
  }

  /** True when `d` would be worked given the days known so far. */
  const worked = (d: LocalDate): boolean => !byDate.has(d) && (swapped.has(d) || !isWeekend(d));

  // Art. 111(3): in date order, each holiday on a weekend takes the next working day
  // still free. Not for occasions the official data decides: the notice compensates.
  for (const h of holidays) {
    if (!isWeekend(h.date) || decided.has(h.occasion)) continue;
    let d = addDays(h.date, 1);
    while (!worked(d)) d = addDays(d, 1);
    const day: NonWorkingDay = { date: d, name: `Nghỉ bù ${compensatedName(h)}`, reason: 'compensatory', substituteFor: h.date };
    byDate.set(d, withEstimate(day, !h.fixed));
  }

  return [...byDate.values()]
    .filter((d) => !swapped.has(d.date))
    .sort((a, b) => compareDates(a.date, b.date));
}

function withEstimate(day: NonWorkingDay, estimated: boolean): NonWorkingDay {
  return estimated ? { ...day, estimated: true } : day;
}

/** The name a compensatory day carries: `Tết Nguyên đán` rather than the lunar day. */
function compensatedName(h: HolidayDay): string {
  return h.occasion === 'tet' ? 'Tết Nguyên đán' : h.name.replace(' (ngày liền kề)', '');
}

/**
 * The weekend days of `year` made working days by official swaps (ngày làm bù), sorted.
 * Empty without official data.
 */
export function swappedWorkingDays(year: number, official?: OfficialYear): OfficialDay[] {
  if (!official) return [];
  if (official.year !== year) throw new RangeError(`official data of ${official.year} given for year ${year}`);
  return official.workingDays
    .filter((d) => parts(d.date).year === year)
    .map((d) => ({ date: d.date, name: d.name }))
    .sort((a, b) => compareDates(a.date, b.date));
}
