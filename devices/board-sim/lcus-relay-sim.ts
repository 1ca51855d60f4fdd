/**
 * The relay side of the LCUS protocol (see devices/serial/power/lcus.ts): 4-byte frames A0, channel, state,
 * checksum. Bytes may arrive split or joined; a byte that cannot start a valid frame is skipped, as the relay's
 * MCU would.
 */
export class LcusFrameParser {
  private pending: number[] = [];

  constructor(private readonly onSwitch: (channel: number, on: boolean) => void) {}

  push(chunk: Uint8Array): void {
    this.pending.push(...chunk);
    while (this.pending.length >= 4) {
      const [start, channel, state, check] = this.pending as [number, number, number, number];
      if (start === 0xa0 && (state === 0 || state === 1) && check === ((0xa0 + channel + state) & 0xff)) {
        this.pending.splice(0, 4);
        this.onSwitch(channel, state === 1);
      } else {
        this.pending.shift();
      }
    }
  }
}
