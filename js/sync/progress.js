// The CLI's progress display: a redrawn line on a TTY (records, windows, rate, ETA), plain
// lines every few seconds otherwise (logs, CI).
export class Progress {
  constructor(stream) {
    this.stream = stream;
    this.tty = Boolean(stream.isTTY);
    this.last = 0;
    this.drawn = false;
  }

  update(p) {
    const now = Date.now();
    if (now - this.last < (this.tty ? 200 : 5000)) return;
    this.last = now;
    const total = p.totalKnown ? `/${p.totalCount}` : "";
    const eta = p.etaSeconds === null ? "?" : `${Math.round(p.etaSeconds)} s`;
    const line = `records ${p.yielded}${total}  windows ${p.windowsDone}/${p.windowsTotal}  ${Math.round(p.rate)}/s  ETA ${eta}`;
    if (this.tty) {
      this.stream.write(`\r\x1b[K${line}`);
      this.drawn = true;
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  done() {
    if (this.drawn) this.stream.write("\n");
    this.drawn = false;
  }
}
