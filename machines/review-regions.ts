/**
 * One parallel region per review persona. Each region invokes the `review` actor with its own
 * reviewer id, so reviewers run concurrently and never share a conversation.
 * Actions are referenced by name (`recordReview`, `recordReviewError`, see relay.ts).
 */
export function reviewRegions(reviewerIds: string[]) {
  return Object.fromEntries(
    reviewerIds.map((reviewerId) => [
      reviewerId,
      {
        initial: 'running',
        states: {
          running: {
            invoke: {
              src: 'review',
              input: ({ context }: { context: { revisions: number } }) => ({
                reviewerId,
                revision: context.revisions,
              }),
              onDone: {
                target: 'finished',
                actions: [
                  { type: 'recordReview', params: { reviewerId } },
                  { type: 'recordStep', params: { name: `review-${reviewerId}`, persona: reviewerId } },
                ],
              },
              onError: {
                target: 'errored',
                actions: [{ type: 'recordReviewError', params: { reviewerId } }],
              },
            },
          },
          finished: { type: 'final' },
          errored: { type: 'final' },
        },
      },
    ]),
  );
}
