/** The security suite (DTLS with PSK, bootstrap included): SEC-001, SEC-002, AT-001, DI-001, CF-001. */
import type { Scenario } from '../../harness/engine/scenario.ts';
import { wrongServerKey } from './at-001-wrong-server-key.ts';
import { noPlaintext } from './cf-001-no-plaintext.ts';
import { tamperedRecord } from './di-001-tampered-record.ts';
import { pskChannel } from './int-401-psk-channel.ts';
import { replayedRecord } from './sec-002-replayed-record.ts';
import { bootstrapOverDtls } from './sec-001-bootstrap-over-dtls.ts';

export const scenarios: Scenario[] = [pskChannel, bootstrapOverDtls, wrongServerKey, replayedRecord, tamperedRecord, noPlaintext];
