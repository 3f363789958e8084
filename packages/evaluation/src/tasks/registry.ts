import { Registry } from '@ksub/core';
import type { Task } from './task';

/** Where a task's files live: the directory a user keeps the GLUE/XNLI distributions or data in. */
export interface TaskOptions {
  readonly dataDir?: string;
}

/** Makes a task (lazily: offline suites read their sources on load). */
export type TaskFactory = (options: TaskOptions) => Task;

const tasks = new Registry<TaskFactory>({
  noun: 'a task',
  register: 'registerTask',
  get: 'getTask',
  value: 'factory',
});

/**
 * Registers a task factory under `name`.
 *
 * @throws RegistryError when the name is taken (registries never overwrite silently).
 */
export function registerTask(name: string, factory: TaskFactory): void {
  tasks.register(name, factory);
}

/** Removes a registered task (for tests and plugins). */
export function unregisterTask(name: string): void {
  tasks.unregister(name);
}

/**
 * The task called `name`, made with `options`.
 *
 * @throws RegistryError listing the registered names when there is none of that name.
 * @example
 * ```ts
 * const rte = getTask('rte', { dataDir: '/data/glue_data' });
 * ```
 */
export function getTask(name: string, options: TaskOptions = {}): Task {
  return tasks.get(name)(options);
}

/** Registered task names, sorted. */
export function listTasks(): string[] {
  return tasks.list();
}
