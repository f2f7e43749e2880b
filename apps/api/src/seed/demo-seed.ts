import type { AppConfig } from '../platform/config/config';

/** Placeholder replaced below by the demo seed. */
export async function seedDemoIfEmpty(_url: string, _config: AppConfig): Promise<void> {}
