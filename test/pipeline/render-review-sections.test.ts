import { describe, expect, it } from 'vitest';
import { ReviewSchema } from '../../src/pipeline/output-schemas.js';
import { renderReviewSections } from '../../src/pipeline/render-review-sections.js';

describe('review sections after the findings', () => {
  it('renders the cost table with its assumptions, the options, the over-engineering check and the coverage table', () => {
    const review = ReviewSchema.parse({
      verdict: 'APPROVE WITH CHANGES',
      summary: 'ok',
      findings: [],
      costEstimate: {
        lines: [{ item: 'RDS db.t4g.medium | Multi-AZ', monthlyUsd: 95.6, assumption: '730 h at $0.131/h' }],
        totalMonthlyUsd: 95.6,
        assumptions: ['us-east-1 on-demand prices'],
      },
      designOptions: [
        { name: 'A: RDS PostgreSQL', summary: 'One instance.', tradeoffs: 'Cheapest.', chosen: true },
        {
          name: 'B: Aurora Serverless v2',
          summary: 'Scales to zero load.',
          tradeoffs: 'Dearer at steady load.',
          chosen: false,
        },
      ],
      overEngineering: [
        { item: 'Multi-AZ in dev', reason: 'dev has no availability target.', simpler: 'Single-AZ.' },
      ],
      complianceCoverage: [
        { framework: 'SOC 2', control: 'CC6.7', status: 'covered', evidence: 'R4; IK-TLS-001' },
      ],
    });
    const text = renderReviewSections(review);
    expect(text).toContain('| RDS db.t4g.medium \\| Multi-AZ | $95.60 | 730 h at $0.131/h |');
    expect(text).toContain('| **total** | **$95.60** | |');
    expect(text).toContain('- us-east-1 on-demand prices');
    expect(text).toContain('- **A: RDS PostgreSQL** (chosen): One instance. Trade-offs: Cheapest.');
    expect(text).toContain('## Over-engineering check');
    expect(text).toContain('| SOC 2 | CC6.7 | covered | R4; IK-TLS-001 |');
  });

  it('adds nothing for an answer recorded before the sections existed', () => {
    const review = ReviewSchema.parse({ verdict: 'APPROVE', summary: 'ok', findings: [] });
    expect(review.costEstimate).toBeNull();
    expect(renderReviewSections(review)).toBe('');
  });
});
