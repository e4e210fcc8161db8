/**
 * Generates a ten-district province for the benchmarks: config/directory.yaml with its
 * units copied `--districts` times (copy 1 keeps the shipped ids; copy k renames every unit
 * `<id>-d<k>` and its name `… (huyện k)`, successors renamed alike). Bodies are generated per
 * unit from bodyKinds, so every copy gets its own Front, organisations, People's Committee
 * and Party committee; the district's explicit Party bodies (Ban Dân vận, Thường trực, …)
 * stay single and monitor all copies. Prints the file written.
 *
 *   npx tsx bench/province-directory.ts [--districts 10] [--out /tmp/dondoc-bench/province-directory.yaml]
 *   DONDOC_DIRECTORY=<that file> npx tsx bench/simulate-year.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { DEFAULT_PATHS, loadConfig } from '../config/load';

interface UnitEntry {
  id: string;
  name: string;
  end?: { way: string; successor?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export function provinceDirectoryYaml(source: string, districts: number): string {
  const doc = parseDocument(source);
  const units = doc.get('units') as { toJSON(): UnitEntry[] } | undefined;
  if (!units) throw new Error('the directory has no units');
  const original = units.toJSON();
  const copies: UnitEntry[] = [];
  for (let k = 1; k <= districts; k++) {
    for (const u of original) {
      if (k === 1) {
        copies.push(u);
        continue;
      }
      copies.push({
        ...u,
        id: `${u.id}-d${k}`,
        name: `${u.name} (huyện ${k})`,
        ...(u.end?.successor ? { end: { ...u.end, successor: `${u.end.successor}-d${k}` } } : {}),
      });
    }
  }
  doc.set('units', doc.createNode(copies));
  return doc.toString({ lineWidth: 0 });
}

function main() {
  const { values } = parseArgs({
    options: {
      districts: { type: 'string', default: '10' },
      out: { type: 'string', default: '/tmp/dondoc-bench/province-directory.yaml' },
    },
  });
  const districts = Number(values.districts);
  const out = path.resolve(values.out!);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, provinceDirectoryYaml(fs.readFileSync(DEFAULT_PATHS.directory, 'utf8'), districts));
  const { config } = loadConfig({ directory: out }); // it must validate like the shipped one
  console.log(JSON.stringify({ file: out, districts, units: config.directory.units.length, bodies: config.directory.bodies.length }));
}

if (require.main === module) main();
