/**
 * Turns a console's raw bytes into lines. Bytes arrive in arbitrary chunks: a line, a UTF-8 character or a
 * CR LF pair may be split across two reads. CR LF, LF and a lone CR all end a line (a lone CR is how shells
 * redraw a line); a CR at the end of one chunk and LF at the start of the next make one line end, not two.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private current = '';
  private lastWasCR = false;

  /** Feeds bytes; returns the lines they completed (raw, terminal escapes included). */
  push(bytes: Uint8Array): string[] {
    const text = this.decoder.decode(bytes, { stream: true });
    const lines: string[] = [];
    for (const char of text) {
      if (char === '\n') {
        if (!this.lastWasCR) lines.push(this.take());
        this.lastWasCR = false;
      } else if (char === '\r') {
        lines.push(this.take());
        this.lastWasCR = true;
      } else {
        this.current += char;
        this.lastWasCR = false;
      }
    }
    return lines;
  }

  /** The line being received (no line end yet), e.g. a shell prompt. */
  get partial(): string {
    return this.current;
  }

  /** Ends the partial line (on close), returning it if there is one. */
  flush(): string | undefined {
    const rest = this.current + this.decoder.decode();
    this.current = '';
    return rest === '' ? undefined : rest;
  }

  private take(): string {
    const line = this.current;
    this.current = '';
    return line;
  }
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-byte escapes; then any other control character.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** A console line as a person would read it: colours and cursor movements removed (Zephyr's shell uses them). */
export function plainText(line: string): string {
  return line.replace(ESCAPES, '').replace(CONTROLS, '');
}
