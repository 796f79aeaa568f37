/** The server in a process of its own, for tests: free ports, whether one is open, starting main.ts. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A port nothing listens on now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** Whether something accepts connections on 127.0.0.1:`p`. */
export const portOpen = (p: number) =>
  new Promise<boolean>((resolve) => {
    const sock = net.connect(p, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });

/**
 * Starts `server/main.ts` (through tsx, the sources) in a process of its own and waits until it listens;
 * `output()` is everything it printed so far; `kill()` ends tsx and the server it started (a process group of their
 * own: a SIGKILL to tsx alone left the server running after the test, orphaned, its port open).
 */
export async function startMainProcess(
  root: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ child: ChildProcess; output(): string; kill(): void }> {
  let log = '';
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  child.stdout!.on('data', (d) => {
    log += d;
  });
  child.stderr!.on('data', (d) => {
    log += d;
  });
  const deadline = Date.now() + timeoutMs;
  while (!log.includes('GSP Console:')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      kill();
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => log, kill };
}
