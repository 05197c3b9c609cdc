import { z } from 'zod';
import { ChildEducationRecord } from './model/record.ts';
import { EducationStatus } from './model/status.ts';

/**
 * JSON Schema (draft 2020-12) of the child education record and the education status, generated from
 * the zod schemas so they can never drift apart. `edubridge schema` prints them.
 */

export const SCHEMA_NAMES = ['record', 'status'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const ID_BASE = 'https://edubridge.example/schema';

/** The JSON Schema of the record (as written: fields with defaults may be left out) or of the status. */
export function jsonSchemaOf(name: SchemaName): Record<string, unknown> {
  const schema =
    name === 'record'
      ? z.toJSONSchema(ChildEducationRecord, { io: 'input', target: 'draft-2020-12' })
      : z.toJSONSchema(EducationStatus, { io: 'output', target: 'draft-2020-12' });
  const title = name === 'record' ? 'Child education record' : 'Education status';
  const { $schema, ...rest } = schema;
  return { $schema, $id: `${ID_BASE}/${name}.json`, title, ...rest };
}

/** Both schemas, keyed by name. */
export function jsonSchemas(): Record<SchemaName, Record<string, unknown>> {
  return { record: jsonSchemaOf('record'), status: jsonSchemaOf('status') };
}
