import * as fs from 'node:fs';
import * as path from 'node:path';

/** Paths to the Temporal binaries that scripts/provision.js built or found. */
export interface Toolchain {
  temporalCli: string;
  testServer: string;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(PROJECT_ROOT, '.tools', 'tools.json');

export class ToolchainMissing extends Error {}

/** What scripts/provision.js recorded, in .tools/tools.json. */
function manifest(): Partial<Toolchain & { chromium: string }> {
  try {
    return JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Partial<Toolchain & { chromium: string }>;
  } catch {
    return {};
  }
}

const missing = (what: string, command: string) =>
  new ToolchainMissing(`${what} is not provisioned (${path.relative(process.cwd(), MANIFEST)} missing or without it): run \`${command}\``);

/** Reads the provisioning manifest; TEMPORAL_CLI in the environment wins over it. */
export function toolchain(): Toolchain {
  const recorded = manifest();
  const temporalCli = process.env.TEMPORAL_CLI ?? recorded.temporalCli;
  const testServer = recorded.testServer;
  if (!temporalCli || !testServer) throw missing('the Temporal toolchain', 'npm run provision');
  return { temporalCli, testServer };
}

/** The Chromium binary that `npm test` provisioned for the browser tests (CHROMIUM_PATH or Debian's chromium). */
export function chromiumPath(): string {
  const { chromium } = manifest();
  if (!chromium) throw missing('the browser of the web tests', 'node scripts/provision.js --browser');
  return chromium;
}
