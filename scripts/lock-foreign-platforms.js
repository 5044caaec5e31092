#!/usr/bin/env node
// The registry mirror this project is developed against lacks the prebuilt binaries of other
// platforms, so `npm install` leaves their optional entries out of the lock and `npm ci` then
// refuses it. Recording them as optional, platform-bound entries is exactly what npm would write
// with the full registry: npm ci skips them on a non-matching platform without fetching.
const { readFileSync, writeFileSync } = require('node:fs');
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const platform = (name) => {
  const os = /darwin/.test(name) ? 'darwin' : /win32/.test(name) ? 'win32' : 'linux';
  const cpu = (/(arm64|x64|ia32|ppc64|s390x|arm)/.exec(name.replace(/^.*?-(darwin|win32|linux)-/, '')) ?? [])[1];
  return { os: [os], cpu: [cpu] };
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] !== undefined) continue;
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform(dep) };
    added++;
    process.stdout.write(`recorded ${dep}@${version} (optional dependency of ${path})\n`);
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`${added} foreign-platform entries recorded\n`);
