import type { ObjectRegistry } from '../../../harness/lwm2m/model/registry.ts';
import { FaultHook, type FaultSet } from '../faults.ts';
import { createAccessControlInstance, ACCESS_CONTROL_OBJECT } from './access-control.ts';
import { createConnectivityMonitoringInstance, DEFAULT_RADIO } from './connectivity-monitoring.ts';
import { ConnectivityStatistics } from './connectivity-statistics.ts';
import type { DeviceContext } from './device-context.ts';
import { DeviceObject } from './device.ts';
import { FirmwareUpdate } from './firmware-update.ts';
import type { PackageLocation } from './package-uri.ts';
import { LightControl, LIGHT_CONTROL_OBJECT } from './light-control.ts';
import { createLocationInstance } from './location.ts';
import { ObjectTree, type InstanceFactory } from './object-tree.ts';
import { createSecurityInstance, factorySecurity } from './security.ts';
import { parseServerUri } from '../coap-uri.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import { createServerInstance, type ServerConfig } from './server.ts';
import { TemperatureSensor, TEMPERATURE_OBJECT } from './temperature.ts';

/** The object set of the conformant emulated device, with handles on the parts that have behaviour. */
export interface DeviceObjects {
  tree: ObjectTree;
  device: DeviceObject;
  firmware: FirmwareUpdate;
  statistics: ConnectivityStatistics;
  temperatures: Map<number, TemperatureSensor>;
  lights: Map<number, LightControl>;
}

export interface DefaultObjectsOptions {
  registry: ObjectRegistry;
  ctx: DeviceContext;
  serverUri: string;
  /** The primary server's LwM2M Server SMS Number (/0/0/9), when it is reachable by SMS. */
  serverSmsNumber?: string;
  server: ServerConfig;
  /** Further server accounts (multi-server): Security and Server instances 1.., and Access Control for all. */
  additionalServers?: ReadonlyArray<{ serverUri: string; shortServerId: number }>;
  /** The bootstrap server's URI: a bootstrap account is added (Security instance 0 in 'bootstrap' provisioning). */
  bootstrapServerUri?: string;
  /** 'bootstrap': the factory holds only the bootstrap account (no server account, no Access Control). */
  provisioning?: 'server' | 'bootstrap';
  /** The PSK the factory configuration gives every coaps:// account (Security mode 0); absent: NoSec only. */
  psk?: PskCredential;
  faults: FaultSet;
  /** Object ids to leave out (optional objects a profile says the device lacks). */
  exclude?: ReadonlySet<number>;
  download(location: PackageLocation): Promise<Buffer>;
  install(version: string): void;
}

const FACTORY_BOOTSTRAP_SECURITY_INSTANCE = 1;

/** Builds objects 0-7, 3303 and 3311 as the factory configuration of the emulated device. */
export function buildDefaultObjects(options: DefaultObjectsOptions): DeviceObjects {
  const { ctx } = options;
  const temperatures = new Map<number, TemperatureSensor>();
  const lights = new Map<number, LightControl>();
  const factories = new Map<number, InstanceFactory>([
    [TEMPERATURE_OBJECT, (id) => {
      const sensor = new TemperatureSensor(id);
      temperatures.set(id, sensor);
      return sensor.instance;
    }],
    [LIGHT_CONTROL_OBJECT, (id) => {
      const light = new LightControl(id, ctx.clock, options.faults.has(FaultHook.ACTUATOR_SWITCH_NO_EFFECT));
      lights.set(id, light);
      return light.instance;
    }],
    [ACCESS_CONTROL_OBJECT, (id) => createAccessControlInstance(id, { objectId: 0, objectInstanceId: 0, acl: new Map(), owner: options.server.shortServerId })],
  ]);
  const tree = new ObjectTree(options.registry, factories, options.faults);
  const skip = options.exclude ?? new Set<number>();
  const add = (objectId: number, make: () => void): void => {
    if (!skip.has(objectId)) make();
  };

  const fromBootstrap = options.provisioning === 'bootstrap' && options.bootstrapServerUri !== undefined;
  const extra = fromBootstrap ? [] : (options.additionalServers ?? []);
  const security = (uri: string) => ({ serverUri: uri, ...factorySecurity(parseServerUri(uri).scheme, options.psk) });
  if (fromBootstrap) {
    // Instance 1, as the ETS's client-initiated bootstrap case (int-0) has it: a bootstrap server that writes
    // the first server account to /0/0 then does not overwrite the bootstrap account mid-session.
    tree.add(createSecurityInstance(FACTORY_BOOTSTRAP_SECURITY_INSTANCE, { ...security(options.bootstrapServerUri as string), bootstrapServer: true }));
  } else {
    const sms = options.serverSmsNumber !== undefined ? { smsNumber: options.serverSmsNumber } : {};
    tree.add(createSecurityInstance(0, { ...security(options.serverUri), shortServerId: options.server.shortServerId, ...sms }));
    tree.add(createServerInstance(0, options.server, ctx));
    extra.forEach((account, i) => {
      tree.add(createSecurityInstance(i + 1, { ...security(account.serverUri), shortServerId: account.shortServerId }));
      tree.add(createServerInstance(i + 1, { ...options.server, shortServerId: account.shortServerId }, ctx));
    });
    if (options.bootstrapServerUri !== undefined) {
      tree.add(createSecurityInstance(extra.length + 1, { ...security(options.bootstrapServerUri), bootstrapServer: true }));
    }
  }
  const device = new DeviceObject(ctx, options.faults.has(FaultHook.POWER_SOURCE_COUNTS_INCONSISTENT));
  tree.add(device.instance);
  const firmware = new FirmwareUpdate({
    clock: ctx.clock,
    download: options.download,
    install: options.install,
    refusePull: options.faults.has(FaultHook.PULL_DOWNLOAD_REFUSED),
    silentIntegrityFailure: options.faults.has(FaultHook.NO_UPDATE_RESULT_AFTER_BAD_PACKAGE),
  });
  const statistics = new ConnectivityStatistics();
  add(ACCESS_CONTROL_OBJECT, () => {
    if (fromBootstrap) return; // the bootstrap server provisions Access Control with the accounts
    tree.add(createAccessControlInstance(0, {
      objectId: 3,
      objectInstanceId: 0,
      acl: new Map([[options.server.shortServerId, 1 | 2 | 4]]),
      owner: options.server.shortServerId,
    }));
  });
  add(4, () => tree.add(createConnectivityMonitoringInstance(ctx, DEFAULT_RADIO, {
    noSignalStrength: options.faults.has(FaultHook.NO_SIGNAL_STRENGTH),
    noCellId: options.faults.has(FaultHook.CELL_ID_MISSING),
    wrongIpAddress: options.faults.has(FaultHook.WRONG_IP_ADDRESS),
  })));
  add(5, () => tree.add(firmware.instance));
  add(6, () => tree.add(createLocationInstance(ctx)));
  add(7, () => tree.add(statistics.instance));
  add(TEMPERATURE_OBJECT, () => tree.create({ objectId: TEMPERATURE_OBJECT }, []));
  add(LIGHT_CONTROL_OBJECT, () => tree.create({ objectId: LIGHT_CONTROL_OBJECT }, []));
  if (extra.length > 0 && !skip.has(ACCESS_CONTROL_OBJECT)) addMultiServerAccessControl(tree, options.server.shortServerId);
  return { tree, device, firmware, statistics, temperatures, lights };
}

/**
 * Access Control for the factory multi-server configuration: each Server instance is owned by its own server;
 * /3/0 keeps the primary-only instance /2/0; every other instance is owned by the primary with a default ACL
 * entry giving all servers Read, Write and Execute; objects with Create get a Create-for-all instance (65535).
 */
function addMultiServerAccessControl(tree: ObjectTree, primary: number): void {
  const covered = new Set(tree.instances(ACCESS_CONTROL_OBJECT).map((aco) => `${String(aco.read(0))}/${String(aco.read(1))}`));
  let nextId = Math.max(-1, ...tree.instances(ACCESS_CONTROL_OBJECT).map((aco) => aco.instanceId)) + 1;
  const add = (objectId: number, objectInstanceId: number, acl: ReadonlyMap<number, number>, owner: number): void => {
    if (covered.has(`${objectId}/${objectInstanceId}`)) return;
    tree.add(createAccessControlInstance(nextId++, { objectId, objectInstanceId, acl, owner }));
  };
  for (const objectId of tree.objectIds()) {
    if (objectId === 0 || objectId === ACCESS_CONTROL_OBJECT) continue;
    for (const inst of tree.instances(objectId)) {
      if (objectId === 1) add(1, inst.instanceId, new Map(), Number(inst.read(0)));
      else add(objectId, inst.instanceId, new Map([[0, 1 | 2 | 4]]), primary);
    }
  }
  for (const objectId of [TEMPERATURE_OBJECT, LIGHT_CONTROL_OBJECT]) {
    if (tree.objectIds().includes(objectId)) add(objectId, 65535, new Map([[0, 16]]), primary);
  }
}
