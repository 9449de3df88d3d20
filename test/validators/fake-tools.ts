import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a node script as an executable named `name` into `directory` (absolute shebang: PATH may lack node). */
export async function writeFakeBinary(directory: string, name: string, body: string): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, `#!${process.execPath}\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

/** A temporary folder for fake binaries. */
export const fakeBinDirectory = (): Promise<string> => mkdtemp(join(tmpdir(), 'infrakit-fake-bin-'));

/**
 * A fake `crank`: logs its arguments to $FAKE_CRANK_LOG; `render` checks the Development-runtime
 * annotations and connects to the function's address before printing the XR and a KMS Key;
 * `beta validate` refuses to run unless the cache entry for --crossplane-image exists (it would
 * download it), and fails with $FAKE_CRANK_VALIDATE_FAIL as its output when that is set.
 */
export const FAKE_CRANK = String.raw`
const fs = require('fs'); const net = require('net'); const path = require('path');
const args = process.argv.slice(2);
if (process.env.FAKE_CRANK_LOG) fs.appendFileSync(process.env.FAKE_CRANK_LOG, JSON.stringify(args) + '\n');
if (args[0] === 'version') { console.log('Client Version: v2.2.4'); process.exit(0); }
if (args[0] === 'render') {
  const functions = fs.readFileSync(args[3], 'utf8');
  const target = /runtime-development-target: (\S+)/.exec(functions);
  if (!target || !/render.crossplane.io\/runtime: Development/.test(functions)) { console.error('crossplane: error: functions are not Development runtime'); process.exit(1); }
  const [host, port] = target[1].split(':');
  const socket = net.connect({ host, port: Number(port) }, () => {
    socket.end();
    const xr = fs.readFileSync(args[1], 'utf8');
    process.stdout.write('---\n' + xr + '\n---\napiVersion: kms.aws.m.upbound.io/v1beta1\nkind: Key\nmetadata:\n  name: fake-key\nspec:\n  forProvider:\n    region: eu-west-1\n');
  });
  socket.on('error', (error) => { console.error('crossplane: error: cannot reach function: ' + error.message); process.exit(1); });
  return;
}
if (args[0] === 'beta' && args[1] === 'validate') {
  const flag = (name) => (args.find((arg) => arg.startsWith('--' + name + '=')) || '').split('=').slice(1).join('=');
  const entry = path.join(flag('cache-dir'), flag('crossplane-image').replace(':', '@'));
  if (!fs.existsSync(entry)) { console.log('schemas does not exist, downloading:  ' + flag('crossplane-image')); process.exit(1); }
  if (process.env.FAKE_CRANK_VALIDATE_FAIL) { console.log(process.env.FAKE_CRANK_VALIDATE_FAIL); process.exit(1); }
  console.log('Total ' + fs.readdirSync(args[3]).length + ' resources: 0 missing schemas, ' + fs.readdirSync(args[3]).length + ' success cases, 0 failure cases');
  process.exit(0);
}
console.error('fake crank: unexpected arguments ' + args.join(' ')); process.exit(2);
`;

/** A fake function-go-templating: listens on --address until SIGTERM. */
export const FAKE_FUNCTION = String.raw`
const net = require('net');
const args = process.argv.slice(2);
if (!args.includes('--insecure')) { console.error('expected --insecure'); process.exit(1); }
const [host, port] = args[args.indexOf('--address') + 1].split(':');
const server = net.createServer((socket) => socket.end());
server.listen(Number(port), host, () => console.log('listening on ' + host + ':' + port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;
