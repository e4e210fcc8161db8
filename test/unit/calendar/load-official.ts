import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { calendarFileSchema } from '../../../config/schema/calendar';
import type { OfficialYear } from '../../../domain/model';

/** Path of the shipped official calendar data. */
export const OFFICIAL_YAML = path.resolve(__dirname, '../../../config/calendar/vn-official.yaml');

/** The shipped official data, parsed with `yaml` and validated by the calendar schema. */
export function loadOfficial(): OfficialYear[] {
  return calendarFileSchema.parse(parse(readFileSync(OFFICIAL_YAML, 'utf8')));
}

/** The official data of one year (throws when the file has none). */
export function officialYear(year: number): OfficialYear {
  const found = loadOfficial().find((y) => y.year === year);
  if (!found) throw new Error(`no official data for ${year}`);
  return found;
}
