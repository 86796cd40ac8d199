import { type FormEvent, useState } from 'react';
import { useEditor } from '../../hooks/use-editor';
import { toasts } from '../../notifications/toasts';
import { testFromChat } from '../../simulator/recorded-test';
import type { SimulatorState } from '../../simulator/simulator-session';

/** "Save as test": this chat, as it went, becomes one of the flow's tests (Tests tab). */
export function SaveAsTest({ state }: { state: SimulatorState }) {
  const { editor } = useEditor();
  const [name, setName] = useState<string>();
  const hasChat = state.entries.some((entry) => entry.direction === 'in');

  const save = (event: FormEvent) => {
    event.preventDefault();
    const meta = editor.getState().meta;
    const tests = meta.tests ?? [];
    const wanted = name?.trim() || `test ${tests.length + 1}`;
    if (tests.some((test) => test.name === wanted)) {
      toasts.show('error', `A test is already named "${wanted}"; choose another name.`);
      return;
    }
    editor.updateMeta({ ...meta, tests: [...tests, testFromChat(wanted, state)] });
    toasts.show('success', `Test "${wanted}" saved: see the Tests tab.`);
    setName(undefined);
  };

  if (name === undefined) {
    return (
      <button
        type="button"
        className="button button-small"
        disabled={!hasChat}
        onClick={() => setName('')}
        title={hasChat ? 'Keep this conversation as a test of the flow' : 'Chat first: a test needs something the customer said'}
      >
        ✚ Save as test
      </button>
    );
  }
  return (
    <form className="save-as-test" onSubmit={save}>
      <input aria-label="Test name" placeholder="What this test proves" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit" className="button button-small button-primary">
        Save
      </button>
      <button type="button" className="button button-small" onClick={() => setName(undefined)}>
        Cancel
      </button>
    </form>
  );
}
