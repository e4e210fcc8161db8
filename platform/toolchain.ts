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

/** Reads the provisioning manifest; TEMPORAL_CLI in the environment wins over it. */
export function toolchain(): Toolchain {
  let manifest: Partial<Toolchain> = {};
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Partial<Toolchain>;
  } catch {
    /* handled below */
  }
  const temporalCli = process.env.TEMPORAL_CLI ?? manifest.temporalCli;
  const testServer = manifest.testServer;
  if (!temporalCli || !testServer) {
    throw new ToolchainMissing(
      `the Temporal toolchain is not provisioned (${path.relative(process.cwd(), MANIFEST)} missing): run \`npm run provision\``,
    );
  }
  return { temporalCli, testServer };
}
