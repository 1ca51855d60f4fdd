/**
 * HLF-001 unique device identifier (follows ETS int-101 for the endpoint name).
 *
 * Pass: the Register carries the endpoint client name the device profile declares; /3/0/2 Serial Number reads
 * 2.05 with a non-empty value (when the device implements it; 4.04 leaves the endpoint name as the only
 * identity, noted); after a power cycle the device registers again under the same endpoint name and /3/0/2
 * reads the same value. Uniqueness across a fleet cannot be seen from one device; stability can.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { answerText, jsonValue, readValue } from '../common/read-value.ts';
import { markRegistrations, nextRegistrationMessage } from '../common/registration-messages.ts';

export const stableIdentity = defineScenario({
  id: 'hlf-001-stable-identity',
  title: 'Endpoint name and serial number identify the device and survive a power cycle',
  suite: 'registration',
  verifies: [hlf(1)],
  ets: [etsCase(101)],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    const registered = ctx.registration();
    ctx.expectEqual('Register carries the endpoint client name of the device profile', ctx.endpoint, registered.endpoint);

    const before = await readValue(ctx, '/3/0/2');
    const hasSerial = before.result.code !== '4.04';
    if (hasSerial) {
      const serial = before.value;
      ctx.check('Read /3/0/2 Serial Number answers 2.05 with a non-empty value', typeof serial === 'string' && serial.length > 0, 'a non-empty string', serial === undefined ? answerText(before.result) : jsonValue(serial));
    } else {
      ctx.note('/3/0/2 Serial Number is not implemented (4.04): the endpoint name is the only identity checked');
    }
    ctx.exchangeSince('Register and Read /3/0/2 before the power cycle', since);

    const cycleAt = ctx.clock.now();
    const mark = markRegistrations(ctx);
    await ctx.device.powerCycle();
    const back = await nextRegistrationMessage(ctx, mark, ctx.tolerances.bootMs, (m) => m.kind === 'register');
    if (back === undefined) return ctx.inconclusive(`the device did not register again within ${ctx.tolerances.bootMs} ms of the power cycle`);
    ctx.expectEqual('after a power cycle the device registers under the same endpoint name', registered.endpoint, back.registration.endpoint);
    if (hasSerial) {
      const after = await readValue(ctx, '/3/0/2');
      ctx.expectEqual('/3/0/2 Serial Number reads the same value after the power cycle', jsonValue(before.value), after.value === undefined ? answerText(after.result) : jsonValue(after.value));
    }
    ctx.exchangeSince('power cycle, new Register and Read /3/0/2', cycleAt);
  },
});
