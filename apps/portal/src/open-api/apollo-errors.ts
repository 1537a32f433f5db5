/** The exception names Apollo's error bodies carry, by status. */
const EXCEPTION_BY_STATUS: Record<number, string> = {
  400: 'BadRequestException',
  401: 'UnauthorizedException',
  403: 'AccessDeniedException',
  404: 'NotFoundException',
  409: 'BadRequestException',
  429: 'TooManyRequestsException',
};

/** Apollo's error body (`ExceptionResponse` in apollo-openapi.yaml): status, message, timestamp, exception. */
export function apolloErrorBody(status: number, message: string, now = new Date()) {
  return {
    status,
    message,
    timestamp: now.toISOString(),
    exception: EXCEPTION_BY_STATUS[status] ?? (status >= 500 ? 'ServiceException' : 'BadRequestException'),
  };
}
