/** The Education Status API contract: paths, schemas, problems, the typed client and the OpenAPI document. */
export * from './paths.ts';
export * from './schemas.ts';
export * from './client.ts';
export { buildOpenApiDocument } from './openapi.ts';
