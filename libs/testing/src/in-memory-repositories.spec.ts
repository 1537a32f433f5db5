import { InMemoryDatabase } from './in-memory-repositories';
import { repositoryContract } from './repository-contract';

repositoryContract('in memory', async () => ({
  database: new InMemoryDatabase(),
  close: async () => undefined,
}));
