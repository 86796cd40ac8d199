import { toasts } from './toasts';

/** Runs a row's action and says how it went in a toast: `what` when it worked, the reason when not; true when it worked. */
export async function withToast(what: string, action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    toasts.show('success', what);
    return true;
  } catch (error) {
    toasts.show('error', error instanceof Error ? error.message : String(error));
    return false;
  }
}
