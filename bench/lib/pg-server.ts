/**
 * The PostgreSQL-backed Temporal server that bench/provision-postgres-server.sh started: its
 * frontend's address and the pids to sample (the server, and PostgreSQL's postmaster, whose
 * backends are its children).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PostgresServer {
  address: string;
  pids: { server: number; postgres: number };
}

export function postgresServer(address = '127.0.0.1:17233'): PostgresServer {
  const dir = process.env.DONDOC_BENCH_PG_DIR ?? '/tmp/dondoc-bench/pg-server';
  const read = (file: string) => {
    try {
      return fs.readFileSync(path.join(dir, file), 'utf8');
    } catch {
      throw new Error(`no PostgreSQL-backed server in ${dir} (${file}): run bench/provision-postgres-server.sh start first`);
    }
  };
  const server = Number(read('server.pid').trim());
  const postgres = Number(read(path.join('pgdata', 'postmaster.pid')).split('\n')[0]);
  return { address, pids: { server, postgres } };
}
