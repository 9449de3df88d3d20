import { describe, expect, it } from 'vitest';
import type { ConstraintsSummary, TrackStatus } from '../../src/pipeline/status.js';
import { renderOverview } from '../../src/cli/status-view.js';
import { makeStyle } from '../../src/cli/io.js';

const style = makeStyle(false);
const constraints: ConstraintsSummary = { ok: false, problems: ['.infrakit/context.md: region: invalid'] };

function track(overrides: Partial<TrackStatus>): TrackStatus {
  return {
    meta: { track: 'bucket-20261201-120000', tool: 'cloudformation', codeDirectory: 'templates/bucket' },
    state: 'blocked',
    updatedAt: '2026-12-01T12:00:00Z',
    steps: [],
    reviews: {},
    gates: [],
    usage: {
      calls: 15,
      inputTokens: 1000,
      outputTokens: 500,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
      unpricedCalls: 15,
      skippedLines: 0,
      byPersona: {},
    },
    changelog: '',
    ...overrides,
  } as TrackStatus;
}

describe('the status overview', () => {
  it('shows a blocked reason whole, not only its first line', () => {
    const reason = 'gate cfn-lint failed:\n  template.yaml:12 E3002 unknown property\n  fix: remove it';
    const text = renderOverview([track({ reason })], constraints, style);
    expect(text).toContain(
      '    gate cfn-lint failed:\n      template.yaml:12 E3002 unknown property\n      fix: remove it',
    );
  });

  it('says the cost is unknown when no call was priced, never $0.0000', () => {
    const text = renderOverview([track({})], constraints, style);
    expect(text).not.toContain('$0.0000');
    expect(text).toContain('cost unknown (no price for the model of these 15 calls)');
  });
});
