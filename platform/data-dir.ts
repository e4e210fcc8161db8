/**
 * dondoc's data directory (DONDOC_DATA_DIR) holds the link secret, the mail ledger, the outbox
 * (every email with its live links) and the embedded server's database: it and every folder
 * made in it are private to the user running dondoc (0700), and its files 0600.
 */
import * as fs from 'node:fs';

/** Mode of the folders dondoc makes for its data. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of the files dondoc writes there. */
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and its missing parents) readable by its owner only; an existing one is left as it is. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}
