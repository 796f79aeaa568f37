import fs from 'node:fs';

/** This thread's own CPU time in ms (Linux; process.cpuUsage() counts every thread), null elsewhere: for GSP_IMPORT_TIMING. */
export function threadCpuMs(): number | null {
  try {
    // the fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in ticks
    const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
