import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@houston/domain';
import { httpStatusOf, problemCodeOfStatus } from './http-status-of';

describe('httpStatusOf', () => {
  it.each<[DomainErrorCode, number]>([
    ['BAD_REQUEST', 400],
    ['VALIDATION_FAILED', 400],
    ['INVALID_DOCUMENT', 400],
    ['OPERATOR_REQUIRED', 400],
    ['UNAUTHORIZED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['ALREADY_EXISTS', 409],
    ['CONCURRENT_MODIFICATION', 409],
    ['CONFLICT', 409],
    ['RELEASE_PRECONDITION_FAILED', 409],
    ['REVIEW_REQUIRED', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['LOCKED', 423],
    ['UNAVAILABLE', 503],
  ])('%s → %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('has a status for every domain code', () => {
    for (const code of DOMAIN_ERROR_CODES) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
  });
});

describe('problemCodeOfStatus', () => {
  it('names the common statuses and falls back by class', () => {
    expect(problemCodeOfStatus(404)).toBe('NOT_FOUND');
    expect(problemCodeOfStatus(413)).toBe('PAYLOAD_TOO_LARGE');
    expect(problemCodeOfStatus(415)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(problemCodeOfStatus(418)).toBe('BAD_REQUEST');
    expect(problemCodeOfStatus(599)).toBe('INTERNAL');
  });
});
