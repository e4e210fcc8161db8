/**
 * A time-skipping environment on the Java test server that scripts/provision.js fetched
 * (its launcher starts the JVM from a CDS archive in well under a second). `@temporalio/testing`
 * gives a server it spawns about 5 s to open its port; on a machine loaded far beyond its
 * cores the JVM can miss that, so a start that timed out is tried again, twice.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { toolchain } from './toolchain';

const ATTEMPTS = 3;

export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: toolchain().testServer } },
      });
    } catch (err) {
      if (attempt >= ATTEMPTS || !/did not start within/.test(String((err as Error).message))) throw err;
    }
  }
}
