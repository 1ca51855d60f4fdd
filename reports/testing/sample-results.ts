/**
 * Realistic results for the report tests: a builder that derives requirements and summaries from scenarios
 * the way the engine does, and one sample run with every verdict, a warning, every evidence kind, and text
 * from the device that must be escaped.
 */
import { recomputeRequirement } from '../requirement-verdict.ts';
import { RESULTS_SCHEMA_ID } from '../results-schema.ts';
import type { RequirementResult, RunInfo, RunResults, ScenarioResult } from '../results-schema.ts';
import { summaries } from '../summary.ts';

const TITLES: Record<string, string> = {
  'LightweightM2M-HLF-001': 'Unique device identifier',
  'LightweightM2M-HLF-004': 'Firmware update',
  'LightweightM2M-HLF-014': 'IP transport',
  'LightweightM2M-HLF-015': 'SMS transport',
  'LightweightM2M-HLF-018': 'Reserved for future study',
  'LightweightM2M-HLF-019': 'Periodic reporting',
  'LightweightM2M-HLF-020': 'Event-triggered reporting',
  'LightweightM2M-HLF-022': 'Reporting period configuration',
  'LightweightM2M-HLF-023': 'Discovery, registration and bootstrap',
  'LightweightM2M-HLF-036': 'Acknowledgement of messages',
  'LightweightM2M-SEC-001': 'Secure communication',
  'LightweightM2M-CF-001': 'Confidentiality',
};

const FFS = new Set(['LightweightM2M-HLF-018', 'LightweightM2M-HLF-029', 'LightweightM2M-HLF-038']);

export type ScenarioSpec = Partial<ScenarioResult> & Pick<ScenarioResult, 'id' | 'verifies' | 'verdict'>;

export function scenario(spec: ScenarioSpec): ScenarioResult {
  return {
    title: `Scenario ${spec.id}`,
    ets: [],
    reason: spec.verdict === 'pass' ? 'every check held' : `${spec.verdict} in ${spec.id}`,
    durationMs: 1250,
    evidence: [],
    trace: `traces/${spec.id.replace(/\//g, '_')}.pcapng`,
    ...spec,
  };
}

export function sampleRun(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    id: 'run-2024-05-01T10-00-00Z-42',
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:00:03.500Z',
    version: '0.1.0',
    clock: 'virtual',
    seed: 42,
    shard: null,
    device: { name: 'emulated-conformant', kind: 'emulated', endpoint: 'urn:dev:emu-001', firmwareVersion: '1.0.3' },
    ...overrides,
  };
}

/** Results whose requirements are exactly those the scenarios verify (plus `extraRequirements`), summaries recomputed. */
export function resultsFrom(
  scenarios: readonly ScenarioResult[],
  options: { run?: Partial<RunInfo>; extraRequirements?: readonly RequirementResult[] } = {},
): RunResults {
  const ids = [...new Set(scenarios.flatMap((s) => s.verifies))];
  const requirements = ids.map((id) =>
    recomputeRequirement(
      { id, title: TITLES[id] ?? id, release: FFS.has(id) ? 'FFS' : '1.0', verdict: 'inconclusive', scenarios: [], reason: '' },
      scenarios,
    ),
  );
  requirements.push(...(options.extraRequirements ?? []));
  return {
    schema: RESULTS_SCHEMA_ID,
    run: sampleRun(options.run),
    requirements,
    scenarios: [...scenarios],
    ...summaries({ requirements, scenarios }),
  };
}

/** Text a hostile or broken device could send: markup, quotes, a control character, a Markdown pipe. */
export const HOSTILE_TEXT = '<script>alert("x")</script> & | `fence` \u0007 ]]>';

export function sampleScenarios(): ScenarioResult[] {
  return [
    scenario({
      id: 'registration/register-basic',
      title: 'Device registers with its endpoint name',
      ets: ['LightweightM2M-1.0-int-101'],
      verifies: ['LightweightM2M-HLF-001', 'LightweightM2M-HLF-014', 'LightweightM2M-HLF-023'],
      verdict: 'pass',
      reason: 'every check held',
      durationMs: 210,
      evidence: [
        { kind: 'expectation', what: 'Register carries ep', expected: 'urn:dev:emu-001', observed: 'urn:dev:emu-001', ok: true },
        {
          kind: 'exchange',
          summary: 'Register',
          traceIds: [1, 2],
          messages: [
            { t: 1000, dir: 'from-device', summary: 'CON POST /rd?ep=urn:dev:emu-001&lt=86400&b=U mid=1' },
            { t: 1012, dir: 'to-device', summary: 'ACK 2.01 Created loc=/rd/5a3f mid=1' },
          ],
        },
      ],
    }),
    scenario({
      id: 'reporting/observe-pmin',
      title: 'Notifications respect pmin',
      ets: ['LightweightM2M-1.0-int-301'],
      verifies: ['LightweightM2M-HLF-020', 'LightweightM2M-HLF-022'],
      verdict: 'fail',
      reason: 'a notification came 0.4 s after the previous one; pmin is 10 s',
      durationMs: 10_400,
      evidence: [
        { kind: 'expectation', what: 'gap between notifications (s)', expected: '>= 10', observed: 0.4, ok: false },
        {
          kind: 'exchange',
          summary: 'Observe /3303/0/5700 with pmin=10',
          traceIds: [7, 8, 9, 10],
          messages: [
            { t: 5000, dir: 'to-device', summary: 'CON PUT /3303/0/5700?pmin=10 mid=7' },
            { t: 5010, dir: 'from-device', summary: 'ACK 2.04 Changed mid=7' },
            { t: 5020, dir: 'to-device', summary: 'CON GET /3303/0/5700 obs=0 mid=8' },
            { t: 5030, dir: 'from-device', summary: `ACK 2.05 Content obs=1 "${HOSTILE_TEXT}"` },
            { t: 5430, dir: 'from-device', summary: 'NON 2.05 Content obs=2 4B' },
          ],
        },
        { kind: 'console', lines: [`sensor: temp=21.5 ${HOSTILE_TEXT}`, 'notify /3303/0/5700'] },
      ],
    }),
    scenario({
      id: 'reporting/observe-pmax',
      title: 'Notifications arrive every pmax',
      ets: ['LightweightM2M-1.0-int-301'],
      verifies: ['LightweightM2M-HLF-019', 'LightweightM2M-HLF-022'],
      verdict: 'pass',
      reason: 'notifications every 60 s without changes',
      durationMs: 181_000,
      warnings: [{ code: 'server-default-pmin-ignored', message: 'the device ignored the default pmin of /1/0/2' }],
      evidence: [{ kind: 'expectation', what: 'notifications in 180 s', expected: 3, observed: 3, ok: true }],
    }),
    scenario({
      id: 'firmware/push-update',
      title: 'Firmware update by push',
      ets: ['LightweightM2M-1.0-int-755'],
      verifies: ['LightweightM2M-HLF-004'],
      verdict: 'inconclusive',
      reason: 'the device profile supplies no firmware package',
      evidence: [{ kind: 'note', text: 'profile field firmware.package is empty' }],
    }),
    scenario({
      id: 'transport/sms-registration',
      title: 'Registration over SMS',
      verifies: ['LightweightM2M-HLF-015'],
      verdict: 'not-supported',
      reason: 'the profile declares no SMS binding',
      trace: null,
    }),
    scenario({
      id: 'ffs/hlf-018',
      title: 'HLF-018 is for future study',
      verifies: ['LightweightM2M-HLF-018'],
      verdict: 'not-applicable',
      reason: 'FFS in release 1.0',
      durationMs: 0,
      trace: null,
    }),
    scenario({
      id: 'security/dtls-psk-register',
      title: 'Registration over DTLS with PSK',
      ets: ['LightweightM2M-1.0-int-401'],
      verifies: ['LightweightM2M-SEC-001', 'LightweightM2M-CF-001'],
      verdict: 'error',
      reason: 'power relay did not answer',
      evidence: [{ kind: 'power', events: [{ time: 200, event: 'power off', detail: 'relay 2: no answer after 3 tries' }] }],
    }),
    scenario({
      id: 'transport/con-retransmit',
      title: 'Device retransmits an unacknowledged CON',
      verifies: ['LightweightM2M-HLF-036'],
      verdict: 'pass',
      evidence: [
        { kind: 'shaping', events: [{ time: 3000, event: 'drop next ACK to device' }] },
        { kind: 'expectation', what: 'retransmission within ACK_TIMEOUT*1.5', expected: '2-3 s', observed: '2.4 s', ok: true },
      ],
    }),
  ];
}

export function sampleResults(overrides: { run?: Partial<RunInfo> } = {}): RunResults {
  return resultsFrom(sampleScenarios(), overrides);
}
