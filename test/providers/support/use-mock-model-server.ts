import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../support/mock-model-server.js';

/**
 * One mock model server for the calling test file: started before its tests, closed after them, its
 * request log cleared before each test. Returns the running server (only inside tests and hooks).
 */
export function useMockModelServer(): () => MockModelServer {
  let server: MockModelServer | undefined;
  beforeAll(async () => {
    server = await startMockModelServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    running().requests.length = 0;
  });
  const running = (): MockModelServer => {
    if (!server) throw new Error('the mock model server is used before beforeAll started it');
    return server;
  };
  return running;
}
