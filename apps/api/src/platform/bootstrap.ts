import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { AppModule } from '../app.module';
import type { AppConfig } from './config/config';
import { validationPipe } from './errors/validation';

export const API_PREFIX = 'api/v1';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Builds the configured application (used by main.ts, tests and the OpenAPI export). */
export async function createApp(config: AppConfig, databaseUrl: string, opts: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // R-API: structured JSON logs with a request id per request (taken from X-Request-Id when the proxy sets one).
    logger: opts.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.with(config, databaseUrl), adapter, {
    logger: opts.logger === false ? false : config.logLevel === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'],
    bufferLogs: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  await app.register(multipart as never, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 5 } });
  app.enableCors({ origin: config.corsOrigins, credentials: true, exposedHeaders: ['ETag', 'X-Request-Id', 'Content-Disposition', 'X-Skipped-Under-14', 'X-Skipped-Staff', 'Retry-After'] });
  app.useGlobalPipes(validationPipe);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Otmetka API' });
  return app;
}

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const cfg = new DocumentBuilder()
    .setTitle('Otmetka API')
    .setDescription('Electronic class journal and family diary. Errors are RFC 9457 application/problem+json. '
      + 'Sign in with POST /api/v1/auth/login and send the access token as a Bearer token; third parties use integration tokens (otm_…).')
    .setVersion('1.0.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, cfg, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}
