// What the numbers were measured on.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem, type } from 'node:os';

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line ? line.slice(line.indexOf(':') + 1).trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * MiB/s for writing 64 MiB of fresh memory (each page faulted in) and the same memory again: on
 * some virtual machines the first is far slower, which makes allocation-heavy code slow.
 */
export function memoryWriteSpeed() {
  const bytes = 64 * 1024 * 1024;
  const buffer = Buffer.allocUnsafeSlow(bytes);
  const mibPerS = (fn) => {
    const start = process.hrtime.bigint();
    fn();
    return Math.round((bytes / 1048576) / (Number(process.hrtime.bigint() - start) / 1e9));
  };
  return { firstTouchMibPerS: mibPerS(() => buffer.fill(1)), rewriteMibPerS: mibPerS(() => buffer.fill(2)) };
}

export function machineInfo() {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** CPU seconds used so far by this process and the child processes it waited for (Linux), or undefined. */
export function cpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of the line, 12-15 after the command name.
    const ticks = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    return ticks / 100;
  } catch {
    return undefined;
  }
}
