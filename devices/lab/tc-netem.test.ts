import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../serial/testing/manual-clock.ts';
import { netemArgs, netemFromImpairment, TcNetem, tcNetemCommands } from './tc-netem.ts';

test('the impairment model maps to netem arguments', () => {
  const { settings, warnings } = netemFromImpairment({ loss: 0.05, delayMs: 100, jitterMs: 20, duplicate: 0.01, corrupt: 0.001 }, { rateKbit: 256 });
  assert.deepEqual(netemArgs(settings), ['delay', '110ms', '10ms', 'loss', '5%', 'duplicate', '1%', 'corrupt', '0.1%', 'rate', '256kbit']);
  assert.deepEqual(warnings, []);
});

test('reorder without delay maps exactly: the held-back share waits the reorder delay', () => {
  const { settings, warnings } = netemFromImpairment({ reorder: 0.25, reorderDelayMs: 50 });
  assert.deepEqual(netemArgs(settings), ['delay', '50ms', 'reorder', '75%']);
  assert.deepEqual(warnings, []);
});

test('reorder with a delay is an approximation, and what netem cannot do is warned about', () => {
  const { settings, warnings } = netemFromImpairment({ delayMs: 40, reorder: 0.1, mtu: 1280, blackouts: [{ fromMs: 0, toMs: 10 }] });
  assert.deepEqual(netemArgs(settings), ['delay', '40ms', 'reorder', '10%']);
  assert.equal(warnings.length, 3);
  assert.match(warnings[0] ?? '', /overtake/);
  assert.match(warnings[1] ?? '', /mtu 1280/);
  assert.match(warnings[2] ?? '', /blackout/);
});

test('egress and ingress (via IFB) command lines, with sudo', () => {
  const commands = tcNetemCommands({ device: 'eth1', sudo: true }, { lossPercent: 10 }, { delayMs: 30 });
  assert.deepEqual(commands.apply, [
    ['sudo', '-n', 'tc', 'qdisc', 'replace', 'dev', 'eth1', 'root', 'netem', 'loss', '10%'],
    ['sudo', '-n', 'ip', 'link', 'add', 'name', 'ifb0', 'type', 'ifb'],
    ['sudo', '-n', 'ip', 'link', 'set', 'dev', 'ifb0', 'up'],
    ['sudo', '-n', 'tc', 'qdisc', 'add', 'dev', 'eth1', 'handle', 'ffff:', 'ingress'],
    ['sudo', '-n', 'tc', 'filter', 'add', 'dev', 'eth1', 'parent', 'ffff:', 'matchall', 'action', 'mirred', 'egress', 'redirect', 'dev', 'ifb0'],
    ['sudo', '-n', 'tc', 'qdisc', 'replace', 'dev', 'ifb0', 'root', 'netem', 'delay', '30ms'],
  ]);
  assert.deepEqual(commands.clear, [
    ['sudo', '-n', 'tc', 'qdisc', 'del', 'dev', 'eth1', 'root'],
    ['sudo', '-n', 'tc', 'qdisc', 'del', 'dev', 'eth1', 'ingress'],
    ['sudo', '-n', 'tc', 'qdisc', 'del', 'dev', 'ifb0', 'root'],
    ['sudo', '-n', 'ip', 'link', 'del', 'ifb0'],
  ]);
});

test('TcNetem runs apply and clear through the runner and records shaping events', async () => {
  const ran: string[] = [];
  const clock = new ManualClock(0);
  const netem = new TcNetem({ device: 'eth1' }, clock, async (argv) => {
    ran.push(argv.join(' '));
    if (argv.includes('del')) throw new Error('RTNETLINK answers: No such file or directory');
  });
  const warnings = await netem.apply({ inbound: { loss: 0.3 }, natRebindEveryMs: 1000 }, { egressIs: 'inbound' });
  assert.deepEqual(ran, ['tc qdisc replace dev eth1 root netem loss 30%']);
  assert.deepEqual(warnings, ['NAT rebinding is not applied by netem']);
  await netem.clear();
  assert.deepEqual(ran.slice(1), ['tc qdisc del dev eth1 root']);
  assert.deepEqual(
    netem.takeEvents().map((e) => e.event),
    ['tc netem applied', 'tc netem approximation', 'tc netem cleared'],
  );
});
