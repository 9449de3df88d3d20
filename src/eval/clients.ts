import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import { loadRecording } from '../../providers/replay/recording-format.js';
import { createReplayClient, type ReplayCursor } from '../../providers/replay/replay-client.js';
import { ConfigError } from '../errors/index.js';
import type { ClientFactory, Subject } from './eval-types.js';

/** The recording file of one case and approach: `<cases>/recordings/<case-id>.<subject>.json`. */
export const recordingFile = (casesDirectory: string, caseId: string, subject: Subject): string =>
  join(casesDirectory, 'recordings', `${caseId}.${subject}.json`);

/** Replays each case's recorded exchanges; every subject run gets a fresh play position. */
export function replayClientFactory(casesDirectory: string): ClientFactory {
  return async (evalCase, subject) => {
    const file = recordingFile(casesDirectory, evalCase.id, subject);
    if (!existsSync(file)) {
      throw new ConfigError(`eval: no recording for case ${evalCase.id} (${subject}) at ${file}`, [], {
        hint: 'Recordings are made by "node bench/run.mjs record-eval" (scripted) or a live run with --record-to.',
      });
    }
    const recording = await loadRecording(file);
    const cursor: ReplayCursor = new Map();
    const client = createReplayClient(recording, cursor);
    return () => client;
  };
}

/** Live clients from resolved provider settings; one factory (and recorder) per subject run. */
export function liveClientFactory(resolved: ResolvedProviderSettings): ClientFactory {
  return async () => {
    const factory = createModelClientFactory(resolved);
    return (persona: string) => factory(persona);
  };
}
