// Stops early, with one clear line, when Node is older than this project needs: the floor in
// package.json's `engines.node` (the one home of that number). Every script here runs .ts files with
// plain `node` (22.18 and later strip types by default), and a dependency of a dependency (undici 8)
// needs 22.19. Plain JavaScript on purpose: it must run on the old Node it complains about.
import { readFileSync } from 'node:fs';

var engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
var need = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(engines).slice(1).map(Number);
var have = process.versions.node.split('.').map(Number);
var older = have[0] !== need[0] ? have[0] < need[0] : have[1] !== need[1] ? have[1] < need[1] : have[2] < need[2];
if (older) {
  console.error(
    'closing-time needs Node >= ' + need.join('.') + ' (this is ' + process.version + '); ' +
    'get one with: npx -y -p node@24 -- npm <command>'
  );
  process.exit(1);
}
