import { writeFileAtomic } from '../fs/atomic-write.js';
import type { MeteredExchange } from './usage-meter.js';

/**
 * Writes a subject run's exchanges in the replay provider's document format
 * (providers/replay/recording-format.ts), labelled scripted or live.
 */
export async function writeRecording(
  file: string,
  exchanges: MeteredExchange[],
  label: { scripted: boolean; description: string },
): Promise<void> {
  const document = {
    scripted: label.scripted,
    description: label.description,
    exchanges: exchanges.map((exchange) => ({
      type: 'exchange',
      persona: exchange.persona,
      sequence: exchange.sequence,
      request: { outputName: exchange.request.outputName },
      response: {
        ...exchange.response,
        usage: { ...exchange.response.usage, latencyMs: 0, requestId: undefined },
      },
    })),
  };
  await writeFileAtomic(file, `${JSON.stringify(document, null, 2)}\n`);
}
