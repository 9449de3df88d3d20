import type { Constraints } from '../constraints/load.js';
import type { Persona } from '../personas/schema.js';
import type { TrackMeta } from '../tracks/state-file.js';
import type { PipelineDeps } from './deps.js';

/** Everything a step needs about the track it works on. */
export interface TrackSession {
  deps: PipelineDeps;
  meta: TrackMeta;
  constraints: Constraints;
  personas: Persona[];
  /**
   * Resolves when every completed step is persisted (`state.json` written) and, unless `upTo` is
   * `'state'`, committed. A step waits for it before it starts: a model step for the state only
   * (its call overlaps the commit), any other step (a question, the gates) for the commits too.
   */
  settled?: (upTo?: 'state' | 'commits') => Promise<void>;
}

/** The persona with this id, or an error naming the personas folder. */
export function personaById(session: TrackSession, id: string): Persona {
  const persona = session.personas.find((candidate) => candidate.id === id);
  if (!persona) throw new Error(`persona "${id}" is not in ${session.deps.personasDir}`);
  return persona;
}
