import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { parseSources } from '../../src/iac/parse.js';
import { runPolicy } from '../../src/policy/engine.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
/** Shipped examples judged with their own constraints; each must have no HIGH or CRITICAL policy finding. */
const CASES = [
  { project: 'cloudformation/s3-secure-bucket', target: 'templates' },
  { project: 'terraform/s3-secure-bucket', target: 'modules' },
  { project: 'crossplane/cassandra-keyspace', target: 'compositions' },
  { project: 'crossplane/cassandra-keyspace-v1', target: 'compositions' },
  { project: 'crossplane/postgresql', target: 'compositions' },
].filter((entry) => existsSync(join(examples, entry.project, '.infrakit')));
if (CASES.length === 0) console.warn('skipped: no shipped examples with .infrakit/ under examples/');

describe.skipIf(CASES.length === 0)('shipped examples pass the policy', () => {
  it.each(CASES.map((entry) => [entry.project, entry] as const))('%s', async (_name, entry) => {
    const root = join(examples, entry.project);
    const constraints = await loadConstraints(root);
    const parsed = await parseSources([entry.target], { root });
    expect(parsed.resources.length).toBeGreaterThan(0);
    const blocking = runPolicy(parsed, constraints, { environment: 'prod' }).findings.filter(
      (finding) => finding.severity === 'critical' || finding.severity === 'high',
    );
    expect(
      blocking.map((finding) => `${finding.ruleId} ${finding.resourceName}: ${finding.message}`),
    ).toEqual([]);
  });
});
