/**
 * docker-compose.yml read the way `docker compose config --format json` renders it, without
 * Docker: parsed with `yaml`, `${VAR:-default}` / `${VAR-default}` / `${VAR:?message}` /
 * `${VAR?message}` / `${VAR:+alt}` / `${VAR}` / `$VAR` / `$$` interpolated from the given
 * variables (no .env file is read), and the short forms the file uses (ports, volumes,
 * list depends_on and environment) written out long. Only what dondoc's file uses is covered;
 * test/unit/platform/compose.test.ts compares it with `docker compose config` where Docker is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  environment?: Record<string, string | null>;
  ports?: { target: number; published: string; host_ip?: string; protocol?: string }[];
  volumes?: { type: string; source?: string; target: string; read_only?: boolean }[];
  healthcheck?: { test?: string[]; disable?: boolean };
  entrypoint?: string[];
  command?: string[];
  restart?: string;
  init?: boolean;
}

export interface Project {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** A `${…}` that cannot be interpolated: `:?`/`?` on a variable without a value. */
export class InterpolationError extends Error {}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** One string with compose's interpolation rules. @throws InterpolationError */
export function interpolate(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  return text.replace(REFERENCE, (whole, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = vars[name];
    const unset = value === undefined;
    const empty = unset || value === '';
    switch (op) {
      case ':-':
        return empty ? arg! : value!;
      case '-':
        return unset ? arg! : value!;
      case ':?':
      case '?':
        if (op === ':?' ? empty : unset) throw new InterpolationError(`required variable ${name} is missing a value: ${arg}`);
        return value!;
      case ':+':
        return empty ? '' : arg!;
      case '+':
        return unset ? '' : arg!;
      default:
        return value ?? '';
    }
  });
}

function interpolateAll(node: unknown, vars: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof node === 'string') return interpolate(node, vars);
  if (Array.isArray(node)) return node.map((n) => interpolateAll(n, vars));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, vars)]));
  return node;
}

/** `127.0.0.1:8233:8080`, `8025:8025`, `1025`, with an optional `/udp`. */
function port(spec: unknown): NonNullable<Service['ports']>[number] {
  if (typeof spec === 'object' && spec !== null) return spec as NonNullable<Service['ports']>[number];
  const [address, protocol = 'tcp'] = String(spec).split('/');
  const parts = address!.split(':');
  const target = Number(parts.at(-1));
  const published = parts.length >= 2 ? parts.at(-2)! : '';
  const hostIp = parts.length >= 3 ? parts.slice(0, -2).join(':') : undefined;
  return { target, published, ...(hostIp ? { host_ip: hostIp } : {}), protocol };
}

/** `./deploy/x.sh:/deploy/x.sh:ro` (a bind mount, from the compose file's folder) or `name:/path` (a named volume). */
function volume(spec: unknown, base: string): NonNullable<Service['volumes']>[number] {
  if (typeof spec === 'object' && spec !== null) return spec as NonNullable<Service['volumes']>[number];
  const [source, target, mode] = String(spec).split(':');
  const bind = /^[./~]/.test(source!);
  return {
    type: bind ? 'bind' : 'volume',
    source: bind ? path.resolve(base, source!) : source!,
    target: target!,
    ...(mode?.split(',').includes('ro') ? { read_only: true } : {}),
  };
}

function normalised(raw: Service & Record<string, unknown>, base: string): Service {
  const svc: Service & Record<string, unknown> = { ...raw };
  if (Array.isArray(raw.depends_on)) svc.depends_on = Object.fromEntries((raw.depends_on as string[]).map((s) => [s, { condition: 'service_started', required: true }]));
  else if (raw.depends_on) svc.depends_on = Object.fromEntries(Object.entries(raw.depends_on).map(([s, d]) => [s, { required: true, ...d }]));
  if (Array.isArray(raw.environment)) {
    svc.environment = Object.fromEntries((raw.environment as string[]).map((e) => (e.includes('=') ? [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] : [e, null])));
  } else if (raw.environment) {
    svc.environment = Object.fromEntries(Object.entries(raw.environment).map(([k, v]) => [k, v === null ? null : String(v)]));
  }
  if (raw.ports) svc.ports = (raw.ports as unknown[]).map(port);
  if (raw.volumes) svc.volumes = (raw.volumes as unknown[]).map((v) => volume(v, base));
  if (raw.build) {
    const given = raw.build as string | { context: string; dockerfile?: string };
    const build = typeof given === 'string' ? { context: given, dockerfile: 'Dockerfile' } : { context: given.context, dockerfile: given.dockerfile ?? 'Dockerfile' };
    svc.build = { ...build, context: path.resolve(base, build.context) };
  }
  return svc;
}

/** The compose file as `docker compose config` renders it, for these variables. @throws InterpolationError */
export function readComposeFile(file: string, vars: Readonly<Record<string, string | undefined>>): Project {
  const raw = interpolateAll(parse(fs.readFileSync(file, 'utf8')), vars) as { services: Record<string, Service & Record<string, unknown>>; volumes?: Record<string, unknown> };
  const base = path.dirname(file);
  return {
    ...raw,
    services: Object.fromEntries(Object.entries(raw.services).map(([name, svc]) => [name, normalised(svc, base)])),
  };
}

/** What the tests read of a project, in one comparable shape (for the comparison with `docker compose config`). */
export function essentials(project: Project): unknown {
  return Object.fromEntries(
    Object.entries(project.services)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, s]) => [
        name,
        {
          image: s.image,
          build: s.build && { context: s.build.context, dockerfile: s.build.dockerfile },
          depends_on: s.depends_on && Object.fromEntries(Object.entries(s.depends_on).map(([k, d]) => [k, d.condition])),
          environment: s.environment,
          ports: s.ports?.map((p) => ({ target: p.target, published: String(p.published), host_ip: p.host_ip, protocol: p.protocol ?? 'tcp' })),
          volumes: s.volumes?.map((v) => ({ type: v.type, source: v.source, target: v.target, read_only: v.read_only ?? false })),
          healthcheck: s.healthcheck?.test,
          entrypoint: s.entrypoint,
          command: s.command,
          restart: s.restart,
          init: s.init,
        },
      ]),
  );
}
