// npm run schema: writes observe/observations.schema.json from the zod schema in observe/schema.ts
// (the one source of the contract). A test fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../observe/catalogue.ts';
import { jsonSchemaText } from '../observe/json-schema.ts';

const file = join(projectRoot, 'observe/observations.schema.json');
writeFileSync(file, jsonSchemaText());
console.log(`wrote ${file}`);
