/**
 * LightweightM2M-1.0-int-102 Registration Update (HLF-012 device configuration).
 *
 * Pass: a Write of a new lifetime to /1/x/1 answers 2.04 and reads back; the device then tells the server the
 * new lifetime (an Update with lt, or a new Register with it) before its old registration runs out. The ETS's
 * optional step 3 (an Update before the new lifetime ends, or the registration lapsing) is noted, not checked:
 * keeping the registration alive is HLF-030.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { answerText, jsonValue, readValue } from '../common/read-value.ts';
import { describeMessage, markRegistrations, nextRegistrationMessage } from '../common/registration-messages.ts';
import { serverInstanceId, serverResourcePath, ServerRes } from '../common/server-object.ts';
import { writeSetting } from './helpers/server-settings.ts';

/** The ETS sets 20 s; a device already at 20 s gets 30 s so that the change is visible. */
const NEW_LIFETIME_S = 20;

export const registrationUpdate = defineScenario({
  id: etsCase(102),
  title: 'A written lifetime is announced with a Registration Update',
  suite: 'registration',
  verifies: [hlf(12)],
  ets: [etsCase(102)],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const before = ctx.registration();
    const lifetimePath = serverResourcePath(ctx, ServerRes.LIFETIME, serverInstanceId(ctx));
    const lifetime = before.lifetime === NEW_LIFETIME_S ? 30 : NEW_LIFETIME_S;
    const since = ctx.clock.now();
    const mark = markRegistrations(ctx);
    const { result } = await writeSetting(ctx, lifetimePath, lifetime);
    ctx.require(`Write ${lifetimePath} = ${lifetime} answers 2.04`, result.code === '2.04', '2.04', result.code);

    // The device should announce at once; at the latest it must before the old registration lapses.
    const deadline = Math.max(0, before.expiresAt - ctx.clock.now()) + ctx.tolerances.lifetimeMs;
    const announced = await nextRegistrationMessage(ctx, mark, deadline, (m) => m.carried.lifetime === lifetime);
    ctx.check(
      `the device announces lt=${lifetime} (Update, or a new Register) before its old registration lapses`,
      announced !== undefined,
      `Update with lt=${lifetime}`,
      announced === undefined ? `nothing with lt=${lifetime} within ${Math.round(deadline / 1000)} s` : describeMessage(announced),
    );
    if (announced?.kind === 'register') ctx.note('the new lifetime came with a new Register rather than an Update (judged by HLF-016)');
    const readBack = await readValue(ctx, lifetimePath);
    ctx.expectEqual(`Read ${lifetimePath} returns the written lifetime`, lifetime, readBack.value === undefined ? answerText(readBack.result) : jsonValue(readBack.value));
    ctx.exchangeSince('Write lifetime, the Update that announces it, read back', since);
  },
});
