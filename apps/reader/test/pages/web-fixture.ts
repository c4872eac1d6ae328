import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '#test/tmp.js';

/** The files of {@link writeWebFixture}'s build, as the tests fetch them. */
export const FIXTURE = {
  script: 'assets/index-Fx1Test2.js',
  style: 'assets/index-St3Yle4.css',
  image: 'assets/marker-Ab5Cd6.png',
  favicon: 'favicon.svg',
  /** Repetitive enough that gzip and brotli shrink it. */
  scriptText: `${'export const answer = "the mesh";\n'.repeat(200)}console.log(answer);\n`,
  styleText: `${'body { color: CanvasText; }\n'.repeat(50)}`,
  /** A few PNG-looking bytes: served as they are, never compressed. */
  imageBytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  faviconText: '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>',
  /** In the folder above the build: no request may read it. */
  secretText: 'TOP SECRET beside the build',
  /** A dot file in the build: not served either. */
  dotFileText: 'SECRET=in-a-dot-file',
} as const;

/**
 * A small build of the web app in a temporary folder, shaped as Vite makes one (`index.html`
 * with `<base href="/" />` and relative asset URLs, hashed `assets/`, a `public/` file beside
 * index.html, a dot file that must not be served) in `<tmp>/dist`, with a secret in `<tmp>`, so
 * that the page tests do not depend on `npm run build`. Returns the build's folder.
 */
export function writeWebFixture(): string {
  const root = makeTempDir('web-dist');
  writeFileSync(join(root, 'secret.txt'), FIXTURE.secretText);
  const dir = join(root, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <base href="/" />
    <title>MeshView</title>
    <script type="module" crossorigin src="./${FIXTURE.script}"></script>
    <link rel="stylesheet" crossorigin href="./${FIXTURE.style}">
  </head>
  <body><div id="app"></div></body>
</html>
`,
  );
  writeFileSync(join(dir, FIXTURE.script), FIXTURE.scriptText);
  writeFileSync(join(dir, FIXTURE.style), FIXTURE.styleText);
  writeFileSync(join(dir, FIXTURE.image), FIXTURE.imageBytes);
  writeFileSync(join(dir, FIXTURE.favicon), FIXTURE.faviconText);
  writeFileSync(join(dir, '.env'), FIXTURE.dotFileText);
  return dir;
}
