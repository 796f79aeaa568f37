/** TCP ports for tests that start the server in a process of its own. */
import net from 'node:net';

/** A port nothing listens on now. */
export const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});

/** Whether something accepts connections on 127.0.0.1:`p`. */
export const portOpen = (p: number) => new Promise<boolean>((resolve) => {
  const sock = net.connect(p, '127.0.0.1');
  sock.once('connect', () => { sock.destroy(); resolve(true); });
  sock.once('error', () => resolve(false));
});
