import { ObjectInstance } from './object-instance.ts';

export const CONNECTIVITY_STATISTICS_OBJECT = 7;

/** Object 7 Connectivity Statistics: counts the client's own CoAP traffic between Exec Start and Exec Stop. */
export class ConnectivityStatistics {
  readonly instance: ObjectInstance;
  private collecting = false;
  private txBytes = 0;
  private rxBytes = 0;
  private messages = 0;
  private largest = 0;

  constructor() {
    this.instance = new ObjectInstance(CONNECTIVITY_STATISTICS_OBJECT, 0)
      .value(0, 0)
      .value(1, 0)
      .computed(2, () => Math.floor(this.txBytes / 1024))
      .computed(3, () => Math.floor(this.rxBytes / 1024))
      .computed(4, () => this.largest)
      .computed(5, () => (this.messages === 0 ? 0 : Math.round((this.txBytes + this.rxBytes) / this.messages)))
      .executable(6, () => this.start())
      .executable(7, () => {
        this.collecting = false;
      })
      .value(8, 0);
  }

  start(): void {
    this.collecting = true;
    this.txBytes = 0;
    this.rxBytes = 0;
    this.messages = 0;
    this.largest = 0;
  }

  /** Called by the client for every datagram it sends or receives. */
  count(direction: 'tx' | 'rx', bytes: number): void {
    if (!this.collecting) return;
    if (direction === 'tx') this.txBytes += bytes;
    else this.rxBytes += bytes;
    this.messages += 1;
    this.largest = Math.max(this.largest, bytes);
  }
}
