import { isDomainError } from '@houston/domain';
import { BadRequestException, HttpException, Inject, Injectable } from '@nestjs/common';
import { EnvironmentGateway, type AdminAnswer, type AdminRequest } from '../environments/environment-gateway';
import { UsersService } from '../people/users.service';

/** `encodeURIComponent` for each path segment given. */
export function segments(...parts: string[]): string {
  return parts.map((part) => `/${encodeURIComponent(part)}`).join('');
}

export function namespacePath(appId: string, cluster: string, namespace: string): string {
  return segments('apps', appId, 'clusters', cluster, 'namespaces', namespace);
}

/**
 * An admin-service refusal as the Open API answers it: the same status and message, except that
 * "already exists" is a 400 as in Apollo (whose services throw BadRequestException for it).
 */
export function refusal(answer: AdminAnswer): HttpException {
  const body = (answer.body ?? {}) as { code?: unknown; message?: unknown };
  const message = typeof body.message === 'string' ? body.message : `HTTP ${answer.status}`;
  const status = body.code === 'ALREADY_EXISTS' ? 400 : answer.status >= 400 ? answer.status : 502;
  return new HttpException(message, status);
}

/** The Open API's way to the environments' admin-services, and its check of named operators. */
@Injectable()
export class AdminCalls {
  constructor(
    @Inject(EnvironmentGateway) readonly gateway: EnvironmentGateway,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** The admin-service's answer as it came (for handlers that look at refusals). */
  answer(env: string, request: AdminRequest): Promise<AdminAnswer> {
    return this.gateway.call(env, request);
  }

  /** The body of a 2xx answer; anything else is thrown as the Open API's error. */
  async call(env: string, request: AdminRequest): Promise<unknown> {
    const answer = await this.gateway.call(env, request);
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw refusal(answer);
  }

  get(env: string, path: string): Promise<unknown> {
    return this.call(env, { method: 'GET', path });
  }

  /**
   * Runs `work` in every environment and answers the first environment's result, as Apollo
   * creates apps and namespaces everywhere. An unreachable environment is skipped (it lacks the
   * new app or namespace until created there again); a refusal stops at once.
   */
  async inEveryEnvironment<T>(work: (env: string) => Promise<T>): Promise<T> {
    const results: T[] = [];
    let unreachable: unknown;
    for (const env of this.gateway.names()) {
      try {
        results.push(await work(env));
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'UNAVAILABLE') throw error;
        unreachable = error;
      }
    }
    if (results.length === 0) throw unreachable;
    return results[0]!;
  }

  /**
   * Runs `work` in every environment that answers, skipping those that do not (as creating in
   * every environment does); answers how many ran. A refusal stops at once.
   */
  async inEveryReachableEnvironment(work: (env: string) => Promise<boolean>): Promise<number> {
    let done = 0;
    for (const env of this.gateway.names()) {
      try {
        if (await work(env)) done += 1;
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'UNAVAILABLE') throw error;
      }
    }
    return done;
  }

  /**
   * The operator a request names (`dataChangeCreatedBy`, `releasedBy`, `?operator=`…) must be an
   * existing, enabled portal user, as Apollo requires; the admin-service records that user.
   */
  async operator(name: unknown, field: string): Promise<string> {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new BadRequestException(`${field} should not be null or empty`);
    }
    const user = await this.users.findByName(name);
    if (!user || !user.isEnabled) throw new BadRequestException(`User ${name} doesn't exist!`);
    return user.username;
  }
}
