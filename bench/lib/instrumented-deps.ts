import type { ModelClient } from '../../providers/types.js';
import type { Gate } from '../../src/gate/types.js';
import type { Repo } from '../../src/git/repo.js';
import type { PipelineDeps } from '../../src/pipeline/deps.js';
import type { IntervalRecorder } from './intervals.js';

/** A promise chain that runs one task at a time (the sequential-reviews variant of P1). */
export function createSerializer(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

function timedClient(
  client: ModelClient,
  recorder: IntervalRecorder,
  serialize?: <T>(work: () => Promise<T>) => Promise<T>,
): ModelClient {
  return {
    specificationVersion: client.specificationVersion,
    provider: client.provider,
    modelId: client.modelId,
    generate: (request) => {
      const call = () => recorder.time('model', () => client.generate(request));
      return serialize ? serialize(call) : call();
    },
  };
}

const timedGate =
  (gate: Gate, category: string, recorder: IntervalRecorder): Gate =>
  (input) =>
    recorder.time(category, () => gate(input));

function timedRepo(repo: Repo, recorder: IntervalRecorder): Repo {
  return {
    ...repo,
    isRepo: () => recorder.time('git', () => repo.isRepo()),
    init: () => recorder.time('git', () => repo.init()),
    commitPaths: (paths, message, options) =>
      recorder.time('git', () => repo.commitPaths(paths, message, options)),
    commitProblem: (paths) => recorder.time('git', () => repo.commitProblem(paths)),
    log: (maxCount) => recorder.time('git', () => repo.log(maxCount)),
  };
}

/**
 * Wraps the pipeline deps so every model call, git call, gate and schema lookup load is timed.
 * With `serialReviews`, the review personas' calls run one after another instead of in parallel.
 */
export function instrumentDeps(
  deps: PipelineDeps,
  recorder: IntervalRecorder,
  options: { serialReviews?: boolean } = {},
): PipelineDeps {
  const serialize = options.serialReviews ? createSerializer() : undefined;
  return {
    ...deps,
    modelFor: (persona) =>
      timedClient(deps.modelFor(persona), recorder, persona.stage === 'review' ? serialize : undefined),
    gates: {
      validator: timedGate(deps.gates.validator, 'gate (external validator)', recorder),
      verify: timedGate(deps.gates.verify, 'verification (verify + policy)', recorder),
      policy: timedGate(deps.gates.policy, 'verification (verify + policy)', recorder),
    },
    repo: timedRepo(deps.repo, recorder),
    lookupTools: () => recorder.time('schema load', () => deps.lookupTools()),
  };
}
