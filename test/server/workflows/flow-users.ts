/** A test server with the compliant world and one signed-in user per role (the 首营/授权/合同 flow tests). */
import { buildWorld, type World } from '../../helpers/world';
import { login, startTestServer, type TestServer } from '../../helpers/app';

export const PASSWORD = 'flow-password-2025';

export interface FlowServer {
  srv: TestServer;
  world: World;
  /** calls /api as the user signed in under this name ('admin' or a role) */
  call(who: string, method: string, path: string, body?: unknown, lang?: string): Promise<{ status: number; body: any }>;
  /** the session cookie of each signed-in user (for uploads and downloads) */
  cookies: Record<string, string>;
}

const NAMES: Record<string, string> = {
  sales: '高刚',
  sales_head: '刘经理',
  sales_vp: '赵副总',
  gm: '钱总',
  qa: '吴静',
  finance: '周会计',
  warehouse: '孙立',
  office: '李秘书',
  auditor: '审计员',
};

export async function startFlowServer(today = '2025-06-30'): Promise<FlowServer> {
  const srv = await startTestServer({ today });
  const world = await buildWorld(srv.db, srv.clock);
  const cookies: Record<string, string> = { admin: await login(srv.url) };
  const call: FlowServer['call'] = async (who, method, path, body, lang) => {
    const res = await fetch(`${srv.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: cookies[who], ...(lang && { 'accept-language': lang }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  for (const [role, name] of Object.entries(NAMES)) {
    const user = await call('admin', 'POST', '/users', {
      username: role,
      display_name: name,
      roles: [role],
      password: PASSWORD,
      active: true,
      // the salesperson of the world is this user's own record (their contracts are theirs)
      ...(role === 'sales' && { salesperson: world.salesperson }),
    });
    if (user.status !== 201) throw new Error(JSON.stringify(user.body));
    cookies[role] = await login(srv.url, role, PASSWORD);
  }
  return { srv, world, call, cookies };
}
