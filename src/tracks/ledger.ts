import { join } from 'node:path';
import { LEDGER_FILE, readLedgerTotals, type LedgerTotals } from '../../providers/ledger.js';
import { trackPath } from './naming.js';

/** ledger.jsonl of a track, relative to the project root (written by providers/ledger.ts). */
export const ledgerPath = (track: string): string => trackPath(track, LEDGER_FILE);

/** Absolute folder of a track, as providers/ledger.ts expects it. */
export const trackDirectory = (projectRoot: string, track: string): string =>
  join(projectRoot, trackPath(track));

/** Usage totals of a track. */
export const trackTotals = (projectRoot: string, track: string): Promise<LedgerTotals> =>
  readLedgerTotals(trackDirectory(projectRoot, track));
