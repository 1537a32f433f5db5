import { DomainError } from '@houston/domain';
import { ForbiddenException } from '@nestjs/common';
import { statusOfError } from './audit.interceptor';

describe('statusOfError', () => {
  it('records the status the client got: a domain refusal by its code, an HTTP exception by its own', () => {
    expect(statusOfError(new DomainError('CONFLICT', 'not pending'))).toBe(409);
    expect(statusOfError(new DomainError('NOT_FOUND', 'no such request'))).toBe(404);
    expect(statusOfError(new ForbiddenException())).toBe(403);
    expect(statusOfError(new Error('boom'))).toBe(500);
  });
});
