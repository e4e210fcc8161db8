import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadEnv, webExposureProblem } from '../../../platform/env';
import { ALL_SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';
import { essentials, interpolate, InterpolationError, readComposeFile, type Project, type Service } from '../../helpers/compose-file';

/**
 * The production-like stack (docker-compose.yml, Dockerfile, deploy/), read as `docker compose
 * config` renders it (test/helpers/compose-file.ts: yaml and compose's interpolation), so these
 * run everywhere; one test, where the `docker` client and its Compose v2 plugin are, checks
 * that reading against `docker compose config` itself.
 */

const ROOT = path.resolve(__dirname, '../../..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

const SERVICES = [
  'postgresql',
  'temporal-schema-setup',
  'temporal',
  'temporal-create-namespace',
  'temporal-search-attributes',
  'temporal-ui',
  'mailpit',
  'worker',
  'web',
  'proxy',
] as const;

/** `temporal operator search-attribute create --type` spellings (temporalio/cli). */
const CLI_TYPE: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** Variables the file interpolates: cleared for `docker compose config`, so that it sees the defaults whatever this shell exports. */
const COMPOSE_VARIABLES = [
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'DONDOC_ADMIN_PUBLISH_IP',
  'DONDOC_WEB_PUBLISH_IP',
  'DONDOC_PROXY_PUBLISH_IP',
  'DONDOC_SITE',
  'DONDOC_WORKFLOW_CACHE',
  'MAIL_FROM',
  'DONDOC_LINK_SECRET',
  'DONDOC_LINK_SECRET_PREVIOUS',
  'DONDOC_LINK_DAYS',
  'DONDOC_UNDO_MINUTES',
  'DONDOC_PUBLIC_URL',
  'DONDOC_WEB_USER',
  'DONDOC_WEB_PASSWORD',
  'DONDOC_PAYLOAD_KEYS',
];
/** The link secret and the board's login have no default on purpose: the tests give them. */
const TEST_SECRET = 'test-secret-for-compose-config-0123456789';
const REQUIRED = { DONDOC_LINK_SECRET: TEST_SECRET, DONDOC_WEB_USER: 'bandanvan', DONDOC_WEB_PASSWORD: 'compose-test-password' };

/** The file as rendered with the test's required values and these variables (no others). */
function composeConfig(vars: Record<string, string> = {}): Project {
  return readComposeFile(COMPOSE_FILE, { ...REQUIRED, ...vars });
}

function service(project: Project, name: string): Service {
  const found = project.services[name];
  if (!found) throw new Error(`service ${name} missing from docker-compose.yml`);
  return found;
}

function condition(project: Project, from: string, on: string): string | undefined {
  return service(project, from).depends_on?.[on]?.condition;
}

/** The host file mounted at `target` in a service. */
function mountedFile(svc: Service, target: string): string {
  const mount = svc.volumes?.find((v) => v.target === target);
  expect(mount, `a mount at ${target}`).toBeDefined();
  expect(mount!.type).toBe('bind');
  return mount!.source!;
}

/** `name type` lines of the here-document that the registration script loops over. */
function scriptAttributes(script: string): Map<string, string> {
  const block = /<<'ATTRIBUTES'\n([\s\S]*?)\nATTRIBUTES\n/.exec(script);
  if (!block) throw new Error("register-search-attributes.sh has no <<'ATTRIBUTES' here-document");
  const attributes = new Map<string, string>();
  for (const line of block[1]!.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [name, type, ...rest] = trimmed.split(/\s+/);
    expect(rest, `one name and one type per line: "${line}"`).toEqual([]);
    attributes.set(name!, type!);
  }
  return attributes;
}

describe("compose's interpolation (test/helpers/compose-file.ts)", () => {
  test('defaults, required values, alternatives and escapes, as the Compose specification has them', () => {
    const vars = { SET: 'x', EMPTY: '' };
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${UNSET:-d}', vars)).toBe('x d d');
    expect(interpolate('${SET-d} ${EMPTY-d} ${UNSET-d}', vars)).toBe('x  d');
    expect(interpolate('${SET:+a}|${EMPTY:+a}|${EMPTY+a}|${UNSET+a}', vars)).toBe('a||a|');
    expect(interpolate('$SET ${SET} ${UNSET} $$SET $${SET}', vars)).toBe('x x  $SET ${SET}');
    expect(interpolate('${SET:?why}', vars)).toBe('x');
    expect(interpolate('${EMPTY?why}', vars)).toBe('');
    expect(() => interpolate('${EMPTY:?set it (how)}', vars)).toThrow('required variable EMPTY is missing a value: set it (how)');
    expect(() => interpolate('${UNSET?why}', vars)).toThrow('required variable UNSET is missing a value: why');
  });
});

describe('docker-compose.yml', () => {
  let project: Project;

  beforeAll(() => {
    project = composeConfig();
  });

  test.each(['DONDOC_LINK_SECRET', 'DONDOC_WEB_USER', 'DONDOC_WEB_PASSWORD'])('refuses to render without %s, naming it', (name) => {
    expect(() => composeConfig({ [name]: '' })).toThrow(InterpolationError);
    expect(() => composeConfig({ [name]: '' })).toThrow(new RegExp(`^required variable ${name} is missing a value: set ${name}( and DONDOC_WEB_PASSWORD)? in \\.env`));
  });

  test('Temporal gRPC, the Temporal UI and Mailpit bind to 127.0.0.1 by default and follow DONDOC_ADMIN_PUBLISH_IP only; the web service and the proxy have their own settings', () => {
    const hosts = (project: Project, name: string) => (service(project, name).ports ?? []).map((p) => p.host_ip);
    for (const name of ['temporal', 'temporal-ui', 'mailpit', 'web', 'proxy']) expect(hosts(project, name).every((h) => h === '127.0.0.1'), name).toBe(true);
    const admin = composeConfig({ DONDOC_ADMIN_PUBLISH_IP: '10.1.2.3' });
    for (const name of ['temporal', 'temporal-ui', 'mailpit']) expect(hosts(admin, name).every((h) => h === '10.1.2.3'), name).toBe(true);
    expect(hosts(admin, 'web')).toEqual(['127.0.0.1']);
    expect(hosts(admin, 'proxy')).toEqual(['127.0.0.1', '127.0.0.1']);
    const live = composeConfig({ DONDOC_PROXY_PUBLISH_IP: '0.0.0.0' });
    expect(hosts(live, 'proxy')).toEqual(['0.0.0.0', '0.0.0.0']);
    expect(hosts(live, 'mailpit')).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  test('defines every service of the stack', () => {
    for (const name of SERVICES) expect(project.services, name).toHaveProperty([name]);
  });

  test('every image is pinned to an explicit tag, and the Temporal images agree on the server version', () => {
    for (const [name, svc] of Object.entries(project.services)) {
      if (svc.build) continue;
      expect(svc.image, name).toMatch(/^[^:]+:[^:]+$/);
      expect(svc.image, name).not.toMatch(/:latest$/);
    }
    const serverVersion = /^temporalio\/server:(\d+\.\d+\.\d+)$/.exec(service(project, 'temporal').image ?? '')?.[1];
    expect(serverVersion).toBeDefined();
    for (const name of ['temporal-schema-setup', 'temporal-create-namespace', 'temporal-search-attributes']) {
      expect(service(project, name).image, name).toMatch(new RegExp(`^temporalio/admin-tools:${serverVersion!.replace(/\./g, '\\.')}\\b`));
    }
    expect(service(project, 'temporal-ui').image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(service(project, 'postgresql').image).toMatch(/^postgres:\d+/);
    expect(service(project, 'mailpit').image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
  });

  test('start-up order: schema before server, namespace and search attributes before the worker', () => {
    expect(condition(project, 'temporal-schema-setup', 'postgresql')).toBe('service_healthy');
    expect(condition(project, 'temporal', 'temporal-schema-setup')).toBe('service_completed_successfully');
    expect(condition(project, 'temporal-create-namespace', 'temporal')).toBe('service_healthy');
    expect(condition(project, 'temporal-search-attributes', 'temporal')).toBe('service_healthy');
    expect(condition(project, 'temporal-search-attributes', 'temporal-create-namespace')).toBe('service_completed_successfully');
    expect(condition(project, 'temporal-ui', 'temporal')).toBe('service_healthy');
    expect(condition(project, 'worker', 'temporal-search-attributes')).toBe('service_completed_successfully');
    expect(condition(project, 'worker', 'temporal')).toBe('service_healthy');
    expect(condition(project, 'worker', 'mailpit')).toBe('service_healthy');
  });

  test('a service waited on as healthy has a healthcheck; one waited on as completed is a one-shot', () => {
    for (const [name, svc] of Object.entries(project.services)) {
      for (const [on, dep] of Object.entries(svc.depends_on ?? {})) {
        const target = service(project, on);
        if (dep.condition === 'service_healthy') {
          expect(target.healthcheck?.test?.length, `${name} waits for ${on} to be healthy`).toBeGreaterThan(0);
          expect(target.healthcheck?.disable, on).not.toBe(true);
        }
        if (dep.condition === 'service_completed_successfully') {
          expect(['always', 'unless-stopped'], `${on} must exit, so it must not restart forever`).not.toContain(target.restart);
        }
      }
    }
    expect(service(project, 'postgresql').healthcheck?.test?.join(' ')).toContain('pg_isready');
  });

  test('PostgreSQL keeps its data in a named volume', () => {
    const data = service(project, 'postgresql').volumes?.find((v) => v.target === '/var/lib/postgresql/data');
    expect(data?.type).toBe('volume');
    expect(project.volumes).toHaveProperty([data!.source!]);
  });

  test('the schema setup runs its mounted script on both databases', () => {
    const setup = service(project, 'temporal-schema-setup');
    const script = fs.readFileSync(mountedFile(setup, '/deploy/setup-temporal-schema.sh'), 'utf8');
    expect([...(setup.entrypoint ?? []), ...(setup.command ?? [])]).toContain('/deploy/setup-temporal-schema.sh');
    expect(script).toContain('temporal-sql-tool --plugin postgres12');
    expect(script).toContain('/etc/temporal/schema/postgresql/v12');
    expect(script).toMatch(/\$SCHEMA_ROOT\/temporal\/versioned/);
    expect(script).toMatch(/\$SCHEMA_ROOT\/visibility\/versioned/);
    expect(setup.environment?.POSTGRES_SEEDS).toBe('postgresql');
  });

  test('the server uses PostgreSQL and a dynamic config file that exists', () => {
    const temporal = service(project, 'temporal');
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql', BIND_ON_IP: '0.0.0.0' });
    const configDir = mountedFile(temporal, '/etc/temporal/config/dynamicconfig');
    const dynamicConfig = temporal.environment?.DYNAMIC_CONFIG_FILE_PATH ?? '';
    expect(dynamicConfig).toMatch(/^config\/dynamicconfig\//);
    const file = fs.readFileSync(path.join(configDir, path.basename(dynamicConfig)), 'utf8');
    expect(file).toContain('system.forceSearchAttributesCacheRefreshOnRead');
    expect(file).toContain('limit.maxIDLength');
    expect(temporal.healthcheck?.test?.join(' ')).toContain('7233');
  });

  test('the Postgres password comes from POSTGRES_PASSWORD, not from the file', () => {
    const sentinel = 'sentinel-not-a-real-password';
    const withPassword = composeConfig({ POSTGRES_PASSWORD: sentinel });
    expect(service(withPassword, 'postgresql').environment?.POSTGRES_PASSWORD).toBe(sentinel);
    expect(service(withPassword, 'temporal').environment?.POSTGRES_PWD).toBe(sentinel);
    expect(service(withPassword, 'temporal-schema-setup').environment?.SQL_PASSWORD).toBe(sentinel);
  });

  test('the Temporal UI is published on host port 8233', () => {
    const ui = service(project, 'temporal-ui');
    expect(ui.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    const port = ui.ports?.find((p) => p.published === '8233');
    expect(port?.target).toBe(8080);
  });

  test('Mailpit serves SMTP on 1025 and its web UI on 8025', () => {
    const ports = service(project, 'mailpit').ports ?? [];
    expect(ports.map((p) => `${p.published}:${p.target}`).sort()).toEqual(['1025:1025', '8025:8025']);
  });

  test('every search attribute of workflows/search-attributes.ts is registered with its type, and no other', () => {
    const registration = service(project, 'temporal-search-attributes');
    const scriptPath = mountedFile(registration, '/deploy/register-search-attributes.sh');
    expect([...(registration.entrypoint ?? []), ...(registration.command ?? [])]).toContain('/deploy/register-search-attributes.sh');
    expect(registration.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'default' });

    const script = fs.readFileSync(scriptPath, 'utf8');
    expect(script).toContain('temporal operator search-attribute create');
    const registered = scriptAttributes(script);
    const expected = new Map(ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, CLI_TYPE[key.type]]));
    expect(ALL_SEARCH_ATTRIBUTES.length).toBeGreaterThan(0);
    for (const key of ALL_SEARCH_ATTRIBUTES) {
      expect(registered.get(key.name), `${key.name} (${key.type})`).toBe(CLI_TYPE[key.type]);
    }
    expect(Object.fromEntries(registered)).toEqual(Object.fromEntries(expected));
  });

  test('the worker is built here and points at the compose Temporal server and Mailpit', () => {
    const worker = service(project, 'worker');
    expect(path.resolve(worker.build!.context)).toBe(ROOT);
    expect(worker.build!.dockerfile).toBe('Dockerfile');

    const env = worker.environment ?? {};
    const [host, port] = (env.TEMPORAL_ADDRESS ?? '').split(':');
    expect(host).toBe('temporal');
    expect(port).toBe('7233');
    expect(project.services).toHaveProperty([host!]);
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(new URL(env.SMTP_URL ?? '').host).toBe('mailpit:1025');
    expect(env.MAIL_FROM).toBeTruthy();

    expect(env.DONDOC_DATA_DIR).toBe('/data');
    expect(env.MALLOC_ARENA_MAX).toBe('2'); // bench/RESULTS.md, issue 19 point 2
    expect(env.NODE_OPTIONS).toBe('');
    const data = worker.volumes?.find((v) => v.target === '/data');
    expect(data?.type).toBe('volume');
  });
});

describe('the web service', () => {
  test('runs web/main from the worker image\'s compiled build, on 0.0.0.0:8080 published on 127.0.0.1:8080, with the same link secret and payload keys', () => {
    const project = composeConfig();
    const web = service(project, 'web');
    const worker = service(project, 'worker');
    expect(web.image).toBe(worker.image);
    expect(web.command).toEqual(['node', 'bin/run.js', 'web/main']);
    expect(web.environment?.DONDOC_WEB_HOST).toBe('0.0.0.0');
    expect(web.environment?.DONDOC_WEB_PORT).toBe('8080');
    expect(web.environment?.TEMPORAL_ADDRESS).toBe(worker.environment?.TEMPORAL_ADDRESS);
    expect(web.environment?.DONDOC_LINK_SECRET).toBe(TEST_SECRET);
    expect(web.environment?.DONDOC_PUBLIC_URL).toBe(worker.environment?.DONDOC_PUBLIC_URL);
    expect(web.environment?.DONDOC_PUBLIC_URL).toBe('https://localhost');
    expect(web.environment?.DONDOC_PAYLOAD_KEYS).toBe(worker.environment?.DONDOC_PAYLOAD_KEYS);
    expect(web.ports?.map((p) => `${p.host_ip}:${p.published}:${p.target}`)).toEqual(['127.0.0.1:8080:8080']);
    expect(web.healthcheck?.test?.join(' ')).toContain('/healthz');
    expect(condition(project, 'web', 'temporal')).toBe('service_healthy');
    // The worker does not serve the pages a second time.
    expect(worker.environment?.DONDOC_WEB).toBe('off');
  });

  test('its environment and the worker\'s pass dondoc\'s own validation, the pages with authentication on 0.0.0.0', () => {
    const project = composeConfig();
    const envOf = (name: string) => loadEnv(Object.fromEntries(Object.entries(service(project, name).environment ?? {}).map(([k, v]) => [k, v ?? ''])));
    const web = envOf('web');
    expect(web.webAuth).toEqual({ user: 'bandanvan', password: 'compose-test-password' });
    expect(web.DONDOC_WEB_HOST).toBe('0.0.0.0');
    expect(webExposureProblem(web)).toBeUndefined();
    expect(envOf('worker').SMTP_URL).toBe('smtp://mailpit:1025');
  });

  test('the proxy is Caddy with the repository\'s Caddyfile, at the fixed address the web service trusts', () => {
    const project = composeConfig();
    const proxy = service(project, 'proxy');
    expect(proxy.image).toMatch(/^caddy:\d+\.\d+\.\d+$/);
    expect(fs.readFileSync(mountedFile(proxy, '/etc/caddy/Caddyfile'), 'utf8')).toContain('reverse_proxy web:8080');
    expect(condition(project, 'proxy', 'web')).toBe('service_healthy');
    expect(service(project, 'web').environment?.DONDOC_WEB_TRUST_PROXY).toBe('172.30.56.10');
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  test('builds on a pinned node 20 bookworm-slim image with npm ci', () => {
    expect(instructions.find((l) => l.startsWith('FROM '))).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim$/);
    expect(instructions.some((l) => /^RUN npm ci\b/.test(l))).toBe(true);
  });

  test('compiles the build into the image and runs the worker from it directly as a non-root user, not through npm start', () => {
    const users = instructions.filter((l) => l.startsWith('USER '));
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    const cmd = instructions.filter((l) => l.startsWith('CMD ')).at(-1) ?? '';
    expect(cmd).toBe('CMD ["node", "bin/run.js", "workers/main"]');
    expect(cmd).not.toMatch(/npm/);
    const copy = instructions.indexOf('COPY . .');
    expect(copy).toBeGreaterThan(-1);
    expect(instructions.indexOf('RUN node scripts/build.js')).toBeGreaterThan(copy);
  });

  test('.dockerignore keeps local state out of the build context', () => {
    const ignored = fs
      .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['**/node_modules', '.git', 'data', '.tools', '.env']) expect(ignored, entry).toContain(entry);
  });
});

/** Where Docker is: the reading above is the one `docker compose config` makes. */
const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8', timeout: 30_000 });
const dockerMissing = (probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const composeMissing = !dockerMissing && probe.status !== 0;
const skipReason = dockerMissing ? 'the `docker` client binary is not on PATH' : composeMissing ? 'the docker client has no Compose v2 plugin' : undefined;

describe.skipIf(skipReason !== undefined)(`docker compose config${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  test('renders docker-compose.yml as test/helpers/compose-file.ts reads it, and refuses it without DONDOC_LINK_SECRET', () => {
    const run = (vars: Record<string, string>) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const name of COMPOSE_VARIABLES) delete env[name];
      return spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '--format', 'json'], { cwd: ROOT, env: { ...env, ...vars }, encoding: 'utf8', timeout: 60_000 });
    };
    const vars = { ...REQUIRED, POSTGRES_PASSWORD: 'sentinel-not-a-real-password' };
    const rendered = run(vars);
    expect(rendered.status, rendered.stderr).toBe(0);
    const unescape = (p: unknown) => JSON.parse(JSON.stringify(essentials(p as Project)).replace(/\$\$/g, '$'));
    expect(unescape(JSON.parse(rendered.stdout))).toEqual(unescape(readComposeFile(COMPOSE_FILE, vars)));
    const refused = run({ ...REQUIRED, DONDOC_LINK_SECRET: '' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('DONDOC_LINK_SECRET');
  });
});

/**
 * What needs no Docker: the file as written. Every published port names its host address
 * through a variable whose default is 127.0.0.1, one variable per audience; the web service
 * requires its login; the proxy's address is the one the web service trusts; the Caddyfile
 * proxies to the web service.
 */
describe('docker-compose.yml as written (no Docker needed)', () => {
  const file = parse(fs.readFileSync(COMPOSE_FILE, 'utf8')) as {
    services: Record<string, { ports?: string[]; environment?: Record<string, string>; networks?: Record<string, { ipv4_address?: string }>; volumes?: string[] }>;
    networks?: Record<string, { ipam?: { config?: { subnet: string }[] } }>;
  };
  const PUBLISH: Record<string, string> = {
    temporal: 'DONDOC_ADMIN_PUBLISH_IP',
    'temporal-ui': 'DONDOC_ADMIN_PUBLISH_IP',
    mailpit: 'DONDOC_ADMIN_PUBLISH_IP',
    web: 'DONDOC_WEB_PUBLISH_IP',
    proxy: 'DONDOC_PROXY_PUBLISH_IP',
  };

  test('each published port binds to 127.0.0.1 unless its own audience\'s variable says otherwise; nothing else is published', () => {
    for (const [name, svc] of Object.entries(file.services)) {
      const variable = PUBLISH[name];
      if (!variable) {
        expect(svc.ports, name).toBeUndefined();
        continue;
      }
      expect(svc.ports?.length, name).toBeGreaterThan(0);
      for (const port of svc.ports!) expect(port, name).toMatch(new RegExp(`^\\$\\{${variable}:-127\\.0\\.0\\.1\\}:\\d+:\\d+$`));
    }
  });

  test('the web service requires its login and trusts only the proxy\'s fixed address, inside the stack\'s network', () => {
    const web = file.services.web!.environment!;
    expect(web.DONDOC_WEB_USER).toMatch(/^\$\{DONDOC_WEB_USER:\?/);
    expect(web.DONDOC_WEB_PASSWORD).toMatch(/^\$\{DONDOC_WEB_PASSWORD:\?/);
    const proxyIp = file.services.proxy!.networks!.default!.ipv4_address!;
    expect(web.DONDOC_WEB_TRUST_PROXY).toBe(proxyIp);
    const subnet = file.networks!.default!.ipam!.config![0]!.subnet;
    expect(proxyIp.split('.').slice(0, 3).join('.')).toBe(subnet.split('.').slice(0, 3).join('.'));
    expect(subnet.endsWith('.0/24')).toBe(true);
  });

  test('the Caddyfile proxies the site to the web service; the UI decodes through the pages\' codec endpoint with credentials', () => {
    const caddyfile = fs.readFileSync(path.join(ROOT, 'deploy/Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/^\{\$DONDOC_SITE:localhost\} \{$/m);
    expect(caddyfile).toMatch(/^\treverse_proxy web:8080$/m);
    expect(file.services.proxy!.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    const ui = file.services['temporal-ui']!.environment!;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe('${DONDOC_PUBLIC_URL:-https://localhost}/codec');
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
  });
});
