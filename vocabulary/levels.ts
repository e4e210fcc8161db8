/**
 * The levels of the administrative hierarchy, as the directory gives them (top first), and
 * the words the plan's text uses for them: "các cấp", "cùng cấp", "cơ sở", "cấp huyện".
 * Nothing here knows a level by name: a district plan of 2021 (huyện → xã, thị trấn) and a
 * provincial plan of today's two-tier structure (tỉnh → xã, phường, đặc khu) read the same.
 */
import type { Directory, Level } from '../domain/model';
import { joinVi } from './text';

/** The selector level that means every level ("các cấp"). */
export const ALL_LEVELS = 'all';

export function levelOf(directory: Pick<Directory, 'levels'>, id: string): Level | undefined {
  return directory.levels.find((l) => l.id === id);
}

/** `các cấp` for every level, `cấp huyện` / `cấp xã` for one; the grassroots level is `cấp cơ sở`. */
export function levelPhrase(directory: Pick<Directory, 'levels' | 'levelWords'>, level: string): string {
  if (level === ALL_LEVELS) return directory.levelWords.all;
  const found = levelOf(directory, level);
  if (!found) return level;
  return `cấp ${found.grassroots ? directory.levelWords.grassroots : found.name}`;
}

/**
 * The units of a directory named together, top level first, leaving out levels without
 * units: `huyện và các xã, thị trấn`; `tỉnh và các xã, phường, đặc khu`.
 */
export function scopePhrase(directory: Pick<Directory, 'levels' | 'units'>): string {
  const used = directory.levels.filter((l) => directory.units.some((u) => u.level === l.id));
  const words = used.map((l, i) => {
    const many = directory.units.filter((u) => u.level === l.id).length > 1;
    return i === 0 && !many ? l.name : `các ${l.units ?? l.name}`;
  });
  return joinVi(words);
}
