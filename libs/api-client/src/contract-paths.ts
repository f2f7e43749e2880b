import type { ImportReport, YearTransitionPlan, YearTransitionResult } from './views';

/**
 * Routes of docs/roster-api-plan.md that the SPAs call, typed by hand in openapi-typescript's shape.
 * `createApiClient` merges them UNDER the generated `paths`: as soon as the API publishes a route in its OpenAPI
 * document, the generated type wins and these lines no longer matter (delete them then).
 */
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Ok<T, Media extends string = 'application/json'> = { 200: { headers: { [name: string]: unknown }; content: { [K in Media]: T } } };
type Methods = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type Route<Method extends Methods, Op> = { parameters: NoParams } & { [M in Exclude<Methods, Method>]?: never } & { [M in Method]: Op };

interface TransitionBody {
  schoolId: string;
  fromYearId: string;
  toYearId: string;
  heldBackStudentIds?: string[];
}

export interface ContractPaths {
  '/api/v1/year-transitions/preview': Route<'post', {
    parameters: NoParams;
    requestBody: { content: { 'application/json': TransitionBody } };
    responses: Ok<YearTransitionPlan>;
  }>;
  '/api/v1/year-transitions': Route<'post', {
    parameters: NoParams;
    requestBody: { content: { 'application/json': TransitionBody & { orderNumber: string; date: string } } };
    responses: Ok<YearTransitionResult> & { 201: { headers: { [name: string]: unknown }; content: { 'application/json': YearTransitionResult } } };
  }>;
  '/api/v1/classes/{id}/credential-slips': Route<'post', {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    requestBody: { content: { 'application/json': { audience: 'parents' | 'students' | 'all'; onlyMissing?: boolean } } };
    responses: Ok<string, 'application/pdf'>;
  }>;
  '/api/v1/imports/{kind}': Route<'post', {
    parameters: { query: { schoolId: string; dryRun?: boolean }; header?: never; path: { kind: string }; cookie?: never };
    requestBody: { content: { 'multipart/form-data': { file: string } } };
    responses: Ok<ImportReport>;
  }>;
  '/api/v1/exports/{kind}': Route<'get', {
    parameters: { query: { schoolId: string; format?: 'csv' | 'xlsx' }; header?: never; path: { kind: string }; cookie?: never };
    requestBody?: never;
    responses: Ok<string, 'text/csv'>;
  }>;
}
