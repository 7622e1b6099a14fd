import fs from "node:fs/promises";
import path from "node:path";
import { config } from "~/config.server";

/**
 * Where uploaded images' bytes live, behind three calls so another store
 * (S3-compatible) can take the disk's place: only the database says which
 * images exist and who may see them; a store just keeps bytes by key.
 */
export interface ImageStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when there is nothing under that key. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** Keys are made by the app ([a-z0-9.]), so they are file names as they are; anything else is refused. */
const SAFE_KEY = /^[a-z0-9][a-z0-9.]{0,80}$/;

export function diskStore(folder: string): ImageStore {
  const fileOf = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error("Bad storage key.");
    return path.join(folder, key.slice(0, 2), key);
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written beside, then renamed: a reader never sees half a file.
      const partial = `${file}.${process.pid}.partial`;
      await fs.writeFile(partial, bytes);
      await fs.rename(partial, file);
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}

/** The folder UPLOADS_DIR names, or `uploads` beside the SQLite file (the data folder). */
export function uploadsFolder(): string {
  const settings = config();
  return path.resolve(settings.UPLOADS_DIR ?? path.join(path.dirname(settings.DATABASE_PATH), "uploads"));
}

/** The store the settings name (made per call: it holds nothing but its folder). */
export function imageStore(): ImageStore {
  return diskStore(uploadsFolder());
}
