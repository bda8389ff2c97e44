import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface ConfigFilesWatcher {
  close(): void;
}

export interface WatchConfigFilesOptions {
  /** Quiet time after the last change before `onChange` runs: an editor's save is several events. */
  readonly debounceMs?: number;
  /** A directory that cannot be watched (gone, no permission): the gateway keeps running without it. */
  readonly onError?: (error: Error, directory: string) => void;
}

/**
 * Calls `onChange` once a burst of changes to any of `paths` has settled. Watches each file's directory,
 * not the file: editors and `kubectl`'s ConfigMap updates replace a file by renaming another over it, which
 * ends a watch on the old inode (@see https://nodejs.org/docs/latest-v20.x/api/fs.html#inodes). Events
 * naming other files in the directory are ignored; an event without a file name (some platforms) counts.
 * A file that does not exist yet is fine: its creation is a change.
 */
export function watchConfigFiles(paths: readonly string[], onChange: () => void, options: WatchConfigFilesOptions = {}): ConfigFilesWatcher {
  const debounceMs = options.debounceMs ?? 200;
  const namesByDirectory = new Map<string, Set<string>>();
  for (const path of paths) {
    const absolute = resolve(path);
    const directory = dirname(absolute);
    const names = namesByDirectory.get(directory) ?? new Set<string>();
    names.add(basename(absolute));
    namesByDirectory.set(directory, names);
  }
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const [directory, names] of namesByDirectory) {
    try {
      const watcher = watch(directory, { persistent: false }, (_event, fileName) => {
        if (fileName === null || names.has(fileName.toString())) changed();
      });
      watcher.on('error', (error) => options.onError?.(error, directory));
      watchers.push(watcher);
    } catch (error) {
      options.onError?.(error as Error, directory);
    }
  }
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
