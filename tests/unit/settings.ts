import { vi } from "vitest";
import { resetConfig, type SettingName } from "~/config.server";

/**
 * Changes settings in the middle of a test file. The server reads its
 * settings once (app/config.server.ts); this sets the variables and has them
 * read again. `restoreSettings()` (in an afterEach) puts the file's own back.
 */
export function setSettings(values: Partial<Record<SettingName, string>>): void {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  resetConfig();
}

export function restoreSettings(): void {
  vi.unstubAllEnvs();
  resetConfig();
}
