import { InvalidArgumentError } from 'commander';
import { jsonSchemaOf, jsonSchemas, SCHEMA_NAMES, type SchemaName } from '../../../schema.ts';
import type { RegisterCommand } from './index.ts';

/** `edubridge schema [record|status]`: print the JSON Schema of the record, the status, or both. */
export const registerSchema: RegisterCommand = (program) => {
  program
    .command('schema')
    .description('Print the JSON Schema of the child education record, the education status, or both (keyed by name)')
    .argument('[which]', `which schema: ${SCHEMA_NAMES.join(' or ')}`, (value: string): SchemaName => {
      if ((SCHEMA_NAMES as readonly string[]).includes(value)) return value as SchemaName;
      throw new InvalidArgumentError(`Choose ${SCHEMA_NAMES.join(' or ')}.`);
    })
    .action((which: SchemaName | undefined) => {
      const schema = which ? jsonSchemaOf(which) : jsonSchemas();
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
};
