import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import type { DeviceContext } from './device-context.ts';
import { ObjectInstance } from './object-instance.ts';

export const CONNECTIVITY_MONITORING_OBJECT = 4;

/** Bearer numbers of object 4: 6 is LTE-FDD, 21 WLAN, 41 Ethernet. */
export const Bearer = { LTE_FDD: 6, WLAN: 21, ETHERNET: 41 } as const;

export interface RadioState {
  bearer: number;
  signalStrengthDbm: number;
  linkQuality: number;
  cellId: number;
  smnc: number;
  smcc: number;
  routerAddress: string;
  apn: string;
}

export const DEFAULT_RADIO: RadioState = {
  bearer: Bearer.LTE_FDD,
  signalStrengthDbm: -87,
  linkQuality: 30,
  cellId: 0x01a2b3c,
  smnc: 1,
  smcc: 262,
  routerAddress: '10.0.0.1',
  apn: 'internet',
};

/**
 * Object 4 Connectivity Monitoring. The IP address is read from the client's transport each time, so it is
 * the address the server really sees (HLF-037); cell id, SMNC and SMCC describe an LTE cell (HLF-028).
 */
export interface ConnectivityFaults {
  noSignalStrength?: boolean;
  noCellId?: boolean;
  wrongIpAddress?: boolean;
}

/** The address a buggy modem driver reports: its LAN side, not what the network sees. */
export const WRONG_IP_ADDRESS = '192.168.1.77';

export function createConnectivityMonitoringInstance(ctx: DeviceContext, radio: RadioState = DEFAULT_RADIO, faults: ConnectivityFaults = {}): ObjectInstance {
  const instance = new ObjectInstance(CONNECTIVITY_MONITORING_OBJECT, 0)
    .value(0, radio.bearer)
    .value(1, new Map<number, ResourceValue>([[0, Bearer.LTE_FDD], [1, Bearer.WLAN]]))
    .value(3, radio.linkQuality)
    .computed(4, () => new Map<number, ResourceValue>([[0, faults.wrongIpAddress ? WRONG_IP_ADDRESS : ctx.localAddress()]]))
    .value(5, new Map<number, ResourceValue>([[0, radio.routerAddress]]))
    .value(6, 5)
    .value(7, new Map<number, ResourceValue>([[0, radio.apn]]))
    .value(9, radio.smnc)
    .value(10, radio.smcc);
  if (!faults.noSignalStrength) instance.value(2, radio.signalStrengthDbm);
  if (!faults.noCellId) instance.value(8, radio.cellId);
  return instance;
}
