import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildLines } from './child-lines.ts';
import { projectPath, PROJECT_ROOT } from './project-root.ts';

/* `npx lwm2m-hil server` as a process (bin/lwm2m-hil.js), with the coap-node fixture client registering to it. */
const WAIT_MS = 20_000;

test('lwm2m-hil server prints where it listens and the coap-node client\'s registration, and stops on SIGTERM', async (t) => {
  const cli = ChildLines.spawn('lwm2m-hil server', process.execPath, [projectPath('bin/lwm2m-hil.js'), 'server', '--coap', '127.0.0.1:0'], { cwd: PROJECT_ROOT });
  let client: ChildLines | undefined;
  t.after(async () => {
    await client?.stop('SIGKILL');
    await cli.stop('SIGKILL');
  });
  const listening = await cli.waitForLine(/^listening coap 127\.0\.0\.1:(\d+)$/, WAIT_MS);
  const port = listening[1] as string;

  client = ChildLines.spawn('coap-node client', process.execPath, [
    projectPath('fixtures/clients/coap-node-client.cjs'), '--endpoint', 'cn-cli', '--host', '127.0.0.1', '--port', port,
  ]);
  const line = await cli.waitForLine(/^registered ep=cn-cli id=(\S+) from=127\.0\.0\.1:\d+ lt=300 lwm2m=1\.0 b=U objects=(\S+)$/, WAIT_MS);
  assert.match(line[2] as string, /\/3\/0/);
  await client.waitForLine(new RegExp(`^registered /rd/${line[1]}$`), WAIT_MS);

  client.send('deregister');
  await cli.waitForLine(/^deregistered ep=cn-cli /, WAIT_MS);
  assert.equal(await cli.stop('SIGTERM'), 0, cli.lines.join('\n'));
  assert.ok(cli.lines.includes('stopped'), cli.lines.join('\n'));
});
