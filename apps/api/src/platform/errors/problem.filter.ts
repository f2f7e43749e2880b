import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { PROBLEM_TYPES, ProblemDetails } from '@otmetka/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-errors';
import { ValidationProblem } from './validation';

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  406: 'Not acceptable', 409: 'Conflict', 412: 'Precondition failed', 413: 'Payload too large',
  415: 'Unsupported media type', 422: 'Unprocessable', 429: 'Too many requests', 500: 'Internal error',
};
const TYPE_BY_STATUS: Record<number, string> = {
  400: PROBLEM_TYPES.validation, 401: PROBLEM_TYPES.unauthorized, 403: PROBLEM_TYPES.forbidden,
  404: PROBLEM_TYPES.notFound, 409: PROBLEM_TYPES.conflict, 412: PROBLEM_TYPES.staleVersion,
  422: PROBLEM_TYPES.unprocessable, 429: PROBLEM_TYPES.rateLimited,
};

/** Maps every error to one RFC 9457 application/problem+json shape (R-API-03). */
export function toProblem(exception: unknown, instance: string, requestId: string): ProblemDetails & Record<string, unknown> {
  if (exception instanceof ValidationProblem) {
    return { type: PROBLEM_TYPES.validation, title: 'Validation failed', status: 400,
      detail: exception.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), errors: exception.fieldErrors, instance, requestId };
  }
  if (exception instanceof DomainError) {
    return { type: exception.type, title: exception.title, status: exception.status, detail: exception.message, instance, requestId, ...exception.extra };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const detail = typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message)
      ? ((body as { message: string[] }).message).join('; ') : String((body as { message?: unknown }).message ?? exception.message);
    return { type: TYPE_BY_STATUS[status] ?? `/problems/http-${status}`, title: TITLES[status] ?? 'Error', status, detail, instance, requestId };
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception as unknown as { code?: string }).code;
    const constraint = (exception as unknown as { constraint?: string }).constraint;
    if (code === '23505') return { type: PROBLEM_TYPES.conflict, title: 'Conflict', status: 409, detail: `Already exists (${constraint ?? 'unique'})`, instance, requestId };
    if (code === '23503') return { type: PROBLEM_TYPES.unprocessable, title: 'Unprocessable', status: 422, detail: `A referenced record does not exist or is still used (${constraint ?? 'foreign key'})`, instance, requestId };
    if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'A value has a wrong format', instance, requestId };
    if (code === '23514') return { type: PROBLEM_TYPES.unprocessable, title: 'Unprocessable', status: 422, detail: `A rule of the data was broken (${constraint ?? 'check'})`, instance, requestId };
  }
  const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return { type: TYPE_BY_STATUS[fastifyStatus] ?? `/problems/http-${fastifyStatus}`, title: TITLES[fastifyStatus] ?? 'Bad request',
      status: fastifyStatus, detail: (exception as Error).message, instance, requestId };
  }
  return { type: '/problems/internal', title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged', instance, requestId };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = toProblem(exception, req.url, String(req.id));
    if (problem.status >= 500) this.logger.error({ requestId: req.id, url: req.url, err: exception instanceof Error ? exception.stack : String(exception) });
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }
}
