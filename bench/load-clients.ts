/**
 * The load bench's clients (load.ts), in a worker thread of their own: closed-loop keep-alive HTTP clients,
 * each request followed by the next as soon as it is answered. Run beside the server on its event loop, the
 * clients' own work (requests, parsing the answers) queued with the server's and was counted as its CPU;
 * a browser is never on the server's thread.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface ClientJob {
  port: number;
  cookie: string;
  clients: number;
  seconds: number;
  customers: number[];
  salesperson: number;
}

export interface ClientSample {
  kind: string;
  ms: number;
  status: number;
  /** when the request started (Date.now()), to tell the requests made while the import ran */
  at: number;
}

export interface ClientResult {
  samples: ClientSample[];
  created: { id: number; topic: string }[];
  lastUpdate: [number, string][];
}

/** One JSON request to the bench's server (the clients here, the set-up in load.ts). */
export function request(
  agent: http.Agent,
  job: Pick<ClientJob, 'port' | 'cookie'>,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port: job.port,
        method,
        path: `/api${p}`,
        agent,
        headers: { cookie: job.cookie, 'content-type': 'application/json', ...(data && { 'content-length': data.length }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** 20 clients: list 40 %, search 20 %, create 20 %, update (read, then write the read version) 20 %. */
export async function runClients(job: ClientJob): Promise<ClientResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
  const samples: ClientSample[] = [];
  const created: { id: number; topic: string }[] = [];
  const lastUpdate = new Map<number, string>();
  const deadline = performance.now() + job.seconds * 1000;
  const client = async (c: number) => {
    // Each client updates its own customer, so "last acknowledged value" is well defined.
    const mine = job.customers[c % job.customers.length];
    for (let i = 0; performance.now() < deadline && i < 100_000; i++) {
      const roll = (i * 7 + c) % 10;
      const at = Date.now();
      const t0 = performance.now();
      let kind: string;
      let r: { status: number; body: any };
      if (roll < 4) {
        kind = 'list';
        r = await request(agent, job, 'GET', `/sales_lines?sort=${encodeURIComponent('["sale_date","DESC"]')}&range=[0,24]`);
      } else if (roll < 6) {
        kind = 'search';
        r = await request(agent, job, 'GET', `/customers?filter=${encodeURIComponent(JSON.stringify({ q: '医' }))}&range=[0,24]`);
      } else if (roll < 8) {
        kind = 'create';
        const topic = `负载测试 ${c}-${i}`;
        r = await request(agent, job, 'POST', '/trainings', { salesperson: job.salesperson, date: '2025-06-01', topic, hours: 1 });
        if (r.status === 201) created.push({ id: r.body.id, topic });
      } else {
        kind = 'update';
        const current = await request(agent, job, 'GET', `/customers/${mine}`);
        const phone = `139${String(c).padStart(2, '0')}${String(i).padStart(6, '0')}`;
        r = await request(agent, job, 'PUT', `/customers/${mine}`, { version: current.body.version, contact_phone: phone, _reason: '负载测试' });
        if (r.status === 200) lastUpdate.set(mine, phone);
      }
      samples.push({ kind, ms: performance.now() - t0, status: r.status, at });
    }
  };
  await Promise.all(Array.from({ length: job.clients }, (_, c) => client(c)));
  agent.destroy();
  return { samples, created, lastUpdate: [...lastUpdate] };
}

if (parentPort && workerData?.job) {
  const port = parentPort;
  runClients(workerData.job as ClientJob).then((r) => port.postMessage(r));
}
