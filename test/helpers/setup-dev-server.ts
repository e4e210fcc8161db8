import { Connection } from '@temporalio/client';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../../platform/dev-server';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { toolchain } from '../../platform/toolchain';

let server: DevServer | undefined;

/** One Temporal dev server (in memory, headless) for every integration test of the run. */
export async function setup(project: TestProject): Promise<void> {
  server = await startDevServer({ cli: toolchain().temporalCli, port: 0 });
  const connection = await Connection.connect({ address: server.address });
  try {
    await ensureSearchAttributes(connection, 'default');
  } finally {
    await connection.close();
  }
  project.provide('temporalAddress', server.address);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
