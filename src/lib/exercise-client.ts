/**
 * Remembers which exercises the reader marked as done, in localStorage under
 * "pss:exercise:<chapter-id>:<exercise-id>". Only the exact value "true" means done: anything
 * else stored there (a corrupt or foreign value) is ignored and the box starts unticked.
 */
export const DONE = 'true';

export function readDone(storage: Pick<Storage, 'getItem'>, key: string): boolean {
  try {
    return storage.getItem(key) === DONE;
  } catch {
    return false;
  }
}

export function writeDone(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  done: boolean,
): void {
  try {
    if (done) storage.setItem(key, DONE);
    else storage.removeItem(key);
  } catch {
    // Storage full or disabled: the tick still shows for this visit.
  }
}

function getStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function initExercises(root: ParentNode = document): void {
  const storage = getStorage();
  for (const exercise of root.querySelectorAll<HTMLElement>('[data-exercise-key]')) {
    const key = exercise.dataset.exerciseKey;
    const box = exercise.querySelector<HTMLInputElement>('input[data-exercise-done]');
    if (!key || !box) continue;
    const show = (done: boolean) => exercise.classList.toggle('is-done', done);
    box.checked = storage ? readDone(storage, key) : false;
    show(box.checked);
    box.addEventListener('change', () => {
      if (storage) writeDone(storage, key, box.checked);
      show(box.checked);
    });
  }
}
