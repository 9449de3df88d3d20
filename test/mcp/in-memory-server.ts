import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { defaultBackends } from '../../src/mcp/backends.js';
import { createInfrakitMcpServer } from '../../src/mcp/server.js';
import { fakeValidatorPath, sharedDirectory } from '../steps/agent-project.js';

/**
 * Connects `client` (its handlers already set) in memory to a fresh `infrakit mcp` server for
 * `projectRoot`. `env` is what the gates' validators see: by default a PATH with the fake crank.
 */
export async function connectInMemory(
  projectRoot: string,
  client: Client,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const server = await createInfrakitMcpServer({
    context: { projectRoot, backends: await defaultBackends(), log: () => undefined },
    version: '0.0.0-test',
    allowWrite: false,
    env: env ?? { PATH: await fakeValidatorPath(), HOME: projectRoot, INFRAKIT_SHARED_DIR: sharedDirectory },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
}
