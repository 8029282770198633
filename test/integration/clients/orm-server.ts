// Shared by the ORM tests: a fresh in-memory server and the connection settings the ORMs take.
import { type RunningServer, startServer } from '../../../src/server/index.js';

export interface TestServer {
  server: RunningServer;
  connection: { host: string; port: number; user: string; password: string; database: string };
}

export async function startTestServer(database = 'orm'): Promise<TestServer> {
  const server = await startServer({ port: 0, memory: true });
  const mysql = await import('mysql2/promise');
  const c = await mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await c.query(`create database ${database}`);
  await c.end();
  return { server, connection: { host: '127.0.0.1', port: server.port, user: 'root', password: '', database } };
}
