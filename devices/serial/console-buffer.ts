/**
 * What a console has received, with a read position. expect() consumes output up to the end of what it
 * matched (like pexpect), so the next expect() sees only later output, including the rest of the same line.
 * The line being received (no line end yet, e.g. a shell prompt) takes part in matching too: it has the
 * sequence number it will get when completed, so a position inside it stays valid when its end arrives.
 */
export interface StoredLine {
  seq: number;
  time: number;
  /** Plain text (terminal escapes removed). */
  text: string;
}

export interface Position {
  seq: number;
  offset: number;
}

export class ConsoleBuffer {
  private lines: StoredLine[] = [];
  private nextSeq = 0;
  private partialText = '';
  private partialTime = 0;
  private read: Position = { seq: 0, offset: 0 };
  /** Lines dropped from the window before anyone read them (shown in timeouts as a hint). */
  droppedUnread = 0;

  constructor(private readonly maxLines: number) {}

  addLine(text: string, time: number): StoredLine {
    const line = { seq: this.nextSeq++, time: this.partialText === '' ? time : this.partialTime, text };
    this.partialText = '';
    this.lines.push(line);
    if (this.lines.length > this.maxLines) {
      const dropped = this.lines.shift();
      if (dropped !== undefined && dropped.seq >= this.read.seq) {
        this.droppedUnread++;
        this.read = { seq: dropped.seq + 1, offset: 0 };
      }
    }
    return line;
  }

  setPartial(text: string, time: number): void {
    if (this.partialText === '' && text !== '') this.partialTime = time;
    this.partialText = text;
  }

  /** Complete lines with seq >= from, oldest first. */
  completeFrom(from: number): StoredLine[] {
    const first = this.lines[0];
    if (first === undefined) return [];
    return this.lines.slice(Math.max(0, from - first.seq));
  }

  /** The line being received, or undefined when there is none. */
  get partial(): StoredLine | undefined {
    return this.partialText === '' ? undefined : { seq: this.nextSeq, time: this.partialTime, text: this.partialText };
  }

  get position(): Position {
    return this.read;
  }

  /** Where unread text of this line starts (0 for lines after the read position). */
  unreadOffset(line: StoredLine): number {
    if (line.seq < this.read.seq) return line.text.length;
    return line.seq === this.read.seq ? Math.min(this.read.offset, line.text.length) : 0;
  }

  /** Moves the read position forward (never back). */
  consumeTo(position: Position): void {
    if (position.seq > this.read.seq || (position.seq === this.read.seq && position.offset > this.read.offset)) this.read = position;
  }

  /** Marks everything received so far as read (before a command whose answer should be matched fresh). */
  consumeAll(): void {
    const partial = this.partial;
    this.read = partial === undefined ? { seq: this.nextSeq, offset: 0 } : { seq: partial.seq, offset: partial.text.length };
  }

  /** The last `count` lines (the partial one included), for error messages. */
  tail(count: number): string[] {
    const texts = this.lines.slice(-count).map((l) => l.text);
    if (this.partialText !== '') texts.push(this.partialText);
    return texts.slice(-count);
  }
}
