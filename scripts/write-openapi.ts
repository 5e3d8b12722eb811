import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi, serialiseOpenApi } from '../src/app/openapi';

generateOpenApi()
  .then((document) => {
    const file = join(__dirname, '..', 'openapi', 'openapi.json');
    writeFileSync(file, serialiseOpenApi(document));
    process.stdout.write(`Wrote ${file}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
