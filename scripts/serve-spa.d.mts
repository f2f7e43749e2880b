import type { Server } from 'node:http';

export declare const CONTENT_TYPES: Record<string, string>;

export interface ServeSpaOptions {
  /** Directory holding the built SPA (must contain index.html). */
  root: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default all interfaces. */
  host?: string;
  /** Origin of the API that `/api/*` is proxied to (default http://127.0.0.1:3000); null disables the proxy. */
  apiTarget?: string | null;
  /** Path prefix that is proxied (default '/api/'). */
  apiPrefix?: string;
}

export interface SpaServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export declare function serveSpa(options: ServeSpaOptions): Promise<SpaServer>;
