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
  /** Resolves when every completed step is persisted and committed; steps wait for it before any model call. */
  settled?: () => Promise<void>;
}

/** The persona with this id, or an error naming the personas folder. */
export function personaById(session: TrackSession, id: string): Persona {
  const persona = session.personas.find((candidate) => candidate.id === id);
  if (!persona) throw new Error(`persona "${id}" is not in ${session.deps.personasDir}`);
  return persona;
}
