// Generates src/api/schema.d.ts, the API's TypeScript types, from the OpenAPI document the server build writes
// (target/openapi/openapi.json, the same document as /q/openapi). With --check it only compares, and fails if the
// committed file differs: the UI's types must follow the server's API.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const documentPath = fileURLToPath(new URL('../../../../target/openapi/openapi.json', import.meta.url));
const outputPath = `${root}src/api/schema.d.ts`;
const check = process.argv.includes('--check');

if (!existsSync(documentPath)) {
  console.error(`no OpenAPI document at ${documentPath}: build the server first (./mvnw package -DskipTests)`);
  process.exit(2);
}
const header =
  '// Generated from the server\'s OpenAPI document (/q/openapi) by scripts/api-types.mjs: do not edit.\n' +
  '// Regenerate with `npm run api:types` after a server build; CI fails if this file is out of date.\n\n';
const ast = await openapiTS(JSON.parse(readFileSync(documentPath, 'utf8')));
const generated = header + astToString(ast);

if (check) {
  const committed = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : '';
  if (committed !== generated) {
    const a = committed.split('\n');
    const b = generated.split('\n');
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    console.error(`src/api/schema.d.ts is out of date with the server's API (first difference at line ${line + 1}):`);
    console.error(`  committed: ${a[line] ?? '(end of file)'}`);
    console.error(`  generated: ${b[line] ?? '(end of file)'}`);
    console.error('run `npm run api:types` in src/main/webui after a server build, and commit the result');
    process.exit(1);
  }
  console.log('src/api/schema.d.ts matches the server\'s OpenAPI document');
} else {
  writeFileSync(outputPath, generated);
  console.log(`wrote ${outputPath}`);
}
