/**
 * The Vietnamese lunisolar calendar (âm lịch), following Hồ Ngọc Đức's published
 * algorithm ("Thuật toán tính âm lịch", informatik.uni-leipzig.de/~duc/amlich/):
 *
 *  1. A lunar month starts on the local day that contains the new moon (điểm Sóc).
 *  2. The winter solstice (Đông chí) always falls in month 11.
 *  3. A year from one month 11 to the next with 13 months has a leap month: the first
 *     month after month 11 that contains no major solar term (trung khí) is the leap
 *     month and repeats the number of the month before it.
 *  4. Everything is computed for the meridian 105° E, i.e. local time UTC+7.
 *
 * Point 4 is why Vietnam and China (UTC+8) sometimes differ: Tết fell on 21/01/1985
 * (China 20/02/1985) and 17/02/2007 (China 18/02/2007), and will fall on 02/02/2030
 * (China 03/02/2030).
 *
 * New moons and the sun's longitude use the simplified series of Jean Meeus
 * ("Astronomical Algorithms") given in the article; the article states they are accurate
 * enough for civil dates over several centuries around the present. Pure math only:
 * no Date, no time zone of the host.
 */
import type { LocalDate } from '../model';
import { fromEpochDay, toEpochDay } from './local-date';

/** A date of the Vietnamese lunar calendar. `leap` marks the repeated (leap) month. */
export interface LunarDate {
  /** The lunar year, named by the Gregorian year in which its month 1 begins. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** True inside a leap month (tháng nhuận). */
  leap: boolean;
}

/** Input of {@link lunarToSolar}: `leap` defaults to false. */
export interface LunarDateInput {
  year: number;
  month: number;
  day: number;
  leap?: boolean;
}

/** Vietnam's civil time zone, hours east of Greenwich (the 105° E meridian). */
const TIME_ZONE_HOURS = 7;
/** Julian Day Number of 1970-01-01. */
const JDN_OF_EPOCH = 2440588;
/** Mean length of a synodic month, in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon of lunation k = 0 (near 1900-01-01), as used by the article. */
const LUNATION_ZERO = 2415021.076998695;
const RAD = Math.PI / 180;

function julianDayNumber(d: LocalDate): number {
  return toEpochDay(d) + JDN_OF_EPOCH;
}

function dateOfJulianDayNumber(jdn: number): LocalDate {
  return fromEpochDay(jdn - JDN_OF_EPOCH);
}

/**
 * Julian date (UT, fractional) of the k-th new moon after the one near 1900-01-01:
 * mean lunation plus the main periodic terms and a ΔT correction (Meeus, ch. 49 as
 * simplified in the article).
 */
function newMoonJulianDate(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  const mean =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * T2 -
    0.000000155 * T3 +
    0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * RAD;
  const moonLatitude = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * RAD;
  const M = sunAnomaly;
  const Mp = moonAnomaly;
  const F = moonLatitude;
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) +
    0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mp) +
    0.0161 * Math.sin(2 * Mp) -
    0.0004 * Math.sin(3 * Mp) +
    0.0104 * Math.sin(2 * F) -
    0.0051 * Math.sin(M + Mp) -
    0.0074 * Math.sin(M - Mp) +
    0.0004 * Math.sin(2 * F + M) -
    0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mp) +
    0.001 * Math.sin(2 * F - Mp) +
    0.0005 * Math.sin(2 * Mp + M);
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return mean + correction - deltaT;
}

/** Julian Day Number of the local (UTC+7) day containing the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/** The sun's apparent ecliptic longitude in radians, [0, 2π), at a Julian date (Meeus, ch. 25). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const meanAnomaly = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const center =
    (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + center) * RAD;
  const turn = 2 * Math.PI;
  return longitude - turn * Math.floor(longitude / turn);
}

/**
 * Which twelfth of the ecliptic (0–11, 30° each, 0 = from the vernal equinox) the sun is
 * in at the local midnight that starts day `jdn`. A lunar month contains a major solar
 * term exactly when this sector changes between its first day and the next month's.
 */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

const month11Cache = new Map<number, number>();

/**
 * Julian Day Number of the first day of lunar month 11 that contains the winter
 * solstice of Gregorian year `year` (the month starting on the last new moon before the
 * solstice day).
 */
function month11Start(year: number): number {
  const cached = month11Cache.get(year);
  if (cached !== undefined) return cached;
  const k = Math.floor((julianDayNumber(`${String(year).padStart(4, '0')}-12-31`) - 2415021) / SYNODIC_MONTH);
  let start = newMoonDay(k);
  // Sector 9 begins at 270°, the solstice: if the sun is already past it when this
  // month starts, the solstice fell in the previous month.
  if (sunSector(start) >= 9) start = newMoonDay(k - 1);
  month11Cache.set(year, start);
  return start;
}

/** Index of the lunation that starts on `jdn` (rounded; exact for new-moon days). */
function lunationIndex(jdn: number): number {
  return Math.floor((jdn - LUNATION_ZERO) / SYNODIC_MONTH + 0.5);
}

/**
 * For a 13-month span starting with month 11 on `a11`: the offset (1–12) of the leap
 * month from month 11, i.e. the first month with no major solar term.
 */
function leapMonthOffset(a11: number): number {
  const k = lunationIndex(a11);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i));
  for (;;) {
    const previous = sector;
    i += 1;
    sector = sunSector(newMoonDay(k + i));
    if (sector === previous || i >= 14) return i - 1;
  }
}

/**
 * The month number (1–12) of the month at `offset` after month 11 (offset 0) within a
 * span whose leap month is at `leapOffset` (or none).
 */
function monthAtOffset(offset: number, leapOffset: number | undefined): { month: number; leap: boolean } {
  let n = offset;
  let leap = false;
  if (leapOffset !== undefined && offset >= leapOffset) {
    n = offset - 1;
    leap = offset === leapOffset;
  }
  return { month: ((n + 10) % 12) + 1, leap };
}

/** Leap offset of the span starting at `a11`, or undefined for a 12-month span. */
function spanLeapOffset(a11: number, b11: number): number | undefined {
  return b11 - a11 > 365 ? leapMonthOffset(a11) : undefined;
}

/** Converts a Gregorian local date to the Vietnamese lunar calendar. */
export function solarToLunar(date: LocalDate): LunarDate {
  const jdn = julianDayNumber(date);
  const gregorianYear = Number(date.slice(0, 4));
  const k = Math.floor((jdn - LUNATION_ZERO) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > jdn) monthStart = newMoonDay(k);

  // The span [a11, b11) runs from one month 11 to the next and contains the date.
  let a11 = month11Start(gregorianYear);
  let b11: number;
  if (a11 > monthStart) {
    b11 = a11;
    a11 = month11Start(gregorianYear - 1);
  } else {
    b11 = month11Start(gregorianYear + 1);
  }
  const offset = Math.round((monthStart - a11) / SYNODIC_MONTH);
  const { month, leap } = monthAtOffset(offset, spanLeapOffset(a11, b11));
  // Months 11 and 12 at the start of the span belong to the lunar year that began in
  // the Gregorian year of a11; the rest to the next one.
  const a11Year = Number(dateOfJulianDayNumber(a11).slice(0, 4));
  const year = month >= 11 && offset < 4 ? a11Year : a11Year + 1;
  return { year, month, day: jdn - monthStart + 1, leap };
}

/** First day (JDN) of a lunar month, and of the month after it; throws if the month does not exist. */
function lunarMonthBounds(year: number, month: number, leap: boolean): { start: number; next: number } {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`no such lunar month: ${month}/${year}`);
  }
  // Months 1–10 of lunar year Y lie in the span from month 11 of Y-1; 11 and 12 in the next.
  const spanYear = month >= 11 ? year : year - 1;
  const a11 = month11Start(spanYear);
  const b11 = month11Start(spanYear + 1);
  const leapOffset = spanLeapOffset(a11, b11);
  let offset = (month + 1) % 12; // month 11 → 0, 12 → 1, 1 → 2 … 10 → 11
  if (leap) {
    if (leapOffset === undefined || monthAtOffset(leapOffset, leapOffset).month !== month) {
      throw new RangeError(`lunar year ${year} has no leap month ${month}`);
    }
    offset = leapOffset;
  } else if (leapOffset !== undefined && offset >= leapOffset) {
    offset += 1;
  }
  const k = lunationIndex(a11);
  return { start: newMoonDay(k + offset), next: newMoonDay(k + offset + 1) };
}

/**
 * Converts a Vietnamese lunar date to the Gregorian calendar. Throws RangeError for a
 * date that does not exist: a leap flag on a month that is not leap that year, or day 30
 * of a 29-day month.
 */
export function lunarToSolar(lunar: LunarDateInput): LocalDate {
  const { year, month, day } = lunar;
  const { start, next } = lunarMonthBounds(year, month, lunar.leap ?? false);
  if (!Number.isInteger(day) || day < 1 || day > next - start) {
    throw new RangeError(`lunar month ${month}/${year} has ${next - start} days, not day ${day}`);
  }
  return dateOfJulianDayNumber(start + day - 1);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const { start, next } = lunarMonthBounds(year, month, leap);
  return next - start;
}

/** The leap month (1–12) of a lunar year, or undefined when the year has 12 months. */
export function leapMonthOf(year: number): number | undefined {
  // A leap month 1–10 lies in the span starting at month 11 of year-1; a leap 11 or 12
  // in the span starting at month 11 of the year itself.
  for (const spanYear of [year - 1, year]) {
    const a11 = month11Start(spanYear);
    const leapOffset = spanLeapOffset(a11, month11Start(spanYear + 1));
    if (leapOffset === undefined) continue;
    const { month } = monthAtOffset(leapOffset, leapOffset);
    if ((spanYear === year) === (month >= 11)) return month;
  }
  return undefined;
}

/** Tết Nguyên đán: the Gregorian date of lunar 1/1 of `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar({ year, month: 1, day: 1 });
}

/**
 * The last day of lunar year `year` (29 or 30 of month 12, tháng Chạp): the day before
 * Tết of `year + 1`. For Tết of Gregorian year Y, the eve is `lastDayOfLunarYear(Y - 1)`.
 */
export function lastDayOfLunarYear(year: number): LocalDate {
  return fromEpochDay(toEpochDay(lunarNewYear(year + 1)) - 1);
}
