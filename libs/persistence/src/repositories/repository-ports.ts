import type { Repositories } from './repositories';

/** What a repository offers its callers: its public methods, not how it reaches the database. */
export type RepositoryPort<T> = { [Method in keyof T]: T[Method] };

/**
 * The repositories as use cases see them (the TypeORM ones are `Repositories`; a test may bring
 * an in-memory implementation of the same ports).
 */
export type RepositoryPorts = {
  readonly [Name in Exclude<keyof Repositories, 'manager'>]: RepositoryPort<Repositories[Name]>;
};

/**
 * The unit of work use cases depend on: repositories outside a transaction, or a transaction in
 * which every repository sees the same uncommitted state; `work` throwing undoes all of it.
 */
export interface UnitOfWork {
  readonly repos: RepositoryPorts;
  transaction<T>(work: (repos: RepositoryPorts) => Promise<T>): Promise<T>;
}
