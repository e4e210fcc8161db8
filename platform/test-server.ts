/**
 * A time-skipping environment on the Java test server that scripts/provision.js fetched.
 *
 * dondoc starts the server itself (like the dev server: guarded, its own process group) and
 * waits until it answers, up to a minute, instead of letting `@temporalio/testing` spawn it:
 * the SDK gives a server it spawns about 5 s, which a JVM misses on a machine loaded far
 * beyond its cores (measured 3.4 s at load 20 on 2 cores, even from the CDS archive). The
 * server is started with its port only, exactly as the SDK does (time skipping locked until
 * the client unlocks it around `result()`), and the environment is the SDK's own
 * time-skipping one, connected to it.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort, startServerProcess } from './dev-server';
import { toolchain } from './toolchain';

/** The SDK's factory behind createTimeSkipping/createFromExistingServer (private in its types). */
type CreateEnvironment = (opts: {
  server: { type: 'existing' };
  address: string;
  namespace: string;
  supportsTimeSkipping: true;
  connectionOptions: Record<string, never>;
}) => Promise<TestWorkflowEnvironment>;

export async function startTimeSkippingEnv(opts: { startTimeoutMs?: number } = {}): Promise<TestWorkflowEnvironment> {
  const port = await freePort();
  const server = await startServerProcess({
    what: 'the Temporal test server',
    name: 'temporal-test-server',
    command: toolchain().testServer,
    args: [String(port)],
    port,
    startTimeoutMs: opts.startTimeoutMs ?? 60_000,
  });
  let env: TestWorkflowEnvironment;
  try {
    const create = (TestWorkflowEnvironment as unknown as { create: CreateEnvironment }).create.bind(TestWorkflowEnvironment);
    env = await create({ server: { type: 'existing' }, address: server.address, namespace: 'default', supportsTimeSkipping: true, connectionOptions: {} });
  } catch (err) {
    await server.stop();
    throw err;
  }
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await teardown();
    await server.stop();
  };
  return env;
}
