// The contract as JSON Schema, generated from the zod schema, for contributors' editors and tools.
import { z } from 'zod';
import { observationsSchema } from './schema.ts';

/** The JSON Schema text of observe/observations.schema.json. */
export function jsonSchemaText(): string {
  const schema = z.toJSONSchema(observationsSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return JSON.stringify({ $comment: 'Generated from observe/schema.ts by `npm run schema`; do not edit.', ...schema }, null, 2) + '\n';
}
