import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';

/** Where the page's files are: copied beside the compiled code by the build (nest-cli.json assets). */
export const EXPLORER_FILES = join(__dirname, 'public');

// Event data is user input: besides escaping everything it shows, the page may run only its own scripts.
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Serves the event explorer, a read-only page on top of the API, at /explorer/. */
export function serveExplorer(app: NestExpressApplication): void {
  app.useStaticAssets(EXPLORER_FILES, {
    prefix: '/explorer',
    setHeaders: (response) => {
      response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      response.setHeader('Cache-Control', 'no-cache');
    },
  });
}
