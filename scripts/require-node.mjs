// Stops early, with one clear line, when Node is older than this project needs: 22.18, the first
// release that runs .ts files with plain `node` (type stripping on by default), as every script here does.
// Plain JavaScript on purpose: it must run on the old Node it complains about.
var need = [22, 18];
var have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  console.error(
    'closing-time needs Node >= ' + need.join('.') + ' (this is ' + process.version + '); ' +
    'get one with: npx -y -p node@24 -- npm <command>'
  );
  process.exit(1);
}
