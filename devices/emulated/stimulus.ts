import { InputError } from '../../harness/errors.ts';
import type { ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import { formatPath, parsePath } from '../../harness/lwm2m/path.ts';
import type { ResourceValue } from '../../harness/lwm2m/values.ts';
import type { ClientStatus, EmulatedClient } from './emulated-client.ts';

/** What tests, the engine and the console may do to the device (a board would do it by a shell command). */
export class Stimulus {
  constructor(private readonly client: EmulatedClient) {}

  /** Sets a resource as the device itself would (a sensor reading, a switch): observers are told. */
  set(path: string, value: ResourceValue): void {
    const p = parsePath(path);
    const objects = this.client.deviceObjects;
    if (p.instanceId === undefined || p.resourceId === undefined) throw new InputError(`stimulus needs a resource path: ${path}`);
    const sensor = p.objectId === 3303 && p.resourceId === 5700 ? objects.temperatures.get(p.instanceId) : undefined;
    if (sensor && typeof value === 'number') return sensor.measure(value);
    const light = p.objectId === 3311 && p.resourceId === 5850 ? objects.lights.get(p.instanceId) : undefined;
    if (light && typeof value === 'boolean') return light.set(value);
    const inst = objects.tree.instance(p.objectId, p.instanceId);
    if (!inst) throw new InputError(`no such instance: ${formatPath(p)}`);
    if (p.resourceInstanceId !== undefined) {
      const current = inst.read(p.resourceId);
      const next = new Map<number, ResourceValue>(current instanceof Map ? current : []);
      next.set(p.resourceInstanceId, value);
      return inst.update(p.resourceId, next);
    }
    inst.update(p.resourceId, value);
  }

  /** Sets a resource from text (a console line, a profile stimulus), typed by the object model. */
  setText(path: string, text: string): void {
    this.set(path, parseStimulusValue(this.client.registry, path, text));
  }

  /** Sends a Registration Update (a button press, a console command). */
  update(): Promise<boolean> {
    return this.client.update();
  }

  reboot(): void {
    this.client.reboot();
  }

  /** The device reports an error code in /3/0/11. */
  raiseError(code: number): void {
    this.client.raiseError(code);
  }

  /** Something happened on a sleeping queue-mode device that makes it wake up (a button, a sensor interrupt). */
  wake(): void {
    this.client.wake();
  }

  status(): ClientStatus {
    return this.client.status();
  }
}

/** Text to a value of the resource's model type: numbers for numeric types, true/false/1/0 for Boolean. */
export function parseStimulusValue(registry: ObjectRegistry, path: string, text: string): ResourceValue {
  const p = parsePath(path);
  const type = p.resourceId === undefined ? undefined : registry.resource(p.objectId, p.resourceId)?.type;
  switch (type) {
    case 'Integer':
    case 'Unsigned Integer':
    case 'Float':
    case 'Time': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new InputError(`${path} is ${type}: '${text}' is not a number`, { path, text });
      return n;
    }
    case 'Boolean':
      if (/^(1|true|on)$/i.test(text)) return true;
      if (/^(0|false|off)$/i.test(text)) return false;
      throw new InputError(`${path} is Boolean: '${text}' is not true/false`, { path, text });
    case 'Opaque':
      return Buffer.from(text, 'utf8');
    default:
      return text;
  }
}
