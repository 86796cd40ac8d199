import type { FlowTestResult } from '@chatflow/engine';
import { useState } from 'react';
import { useApi } from '../../hooks/use-api';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import './style.css';

/**
 * The flow's own tests: run them against the draft (publishing runs them too, and refuses a flow
 * whose test fails), see each one pass or fail with the step that did not hold, remove one.
 */
export function TestsPanel() {
  const { editor } = useEditor();
  const { meta } = useEditorState(editor);
  const { flows } = useApi();
  const [results, setResults] = useState<{ results: FlowTestResult[]; error?: undefined } | { error: string; results?: undefined }>();
  const [running, setRunning] = useState(false);
  const tests = meta.tests ?? [];

  const run = async () => {
    setRunning(true);
    try {
      // The server runs the saved draft: save what is on screen first.
      await flows.save(meta.id, editor.document());
      setResults(await flows.runTests(meta.id));
    } catch (error) {
      setResults({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setRunning(false);
    }
  };
  const remove = (name: string) => {
    editor.updateMeta({ ...meta, tests: tests.filter((test) => test.name !== name) });
    setResults(undefined);
  };

  return (
    <div className="tests-panel" data-testid="tests-panel">
      <p className="muted">
        A test is a conversation the flow must keep having. Chat in the test chat, then <strong>Save as test</strong>. Publishing runs every
        test and refuses the flow if one fails.
      </p>
      {tests.length === 0 ? (
        <p className="muted">No tests yet.</p>
      ) : (
        <button type="button" className="button button-small" onClick={() => void run()} disabled={running}>
          {running ? 'Running…' : `▶ Run ${tests.length} test${tests.length === 1 ? '' : 's'}`}
        </button>
      )}
      {results?.error ? (
        <p className="tests-error" role="alert">
          {results.error}
        </p>
      ) : null}
      <ul className="tests-list">
        {tests.map((test) => {
          const result = results?.results?.find((r) => r.name === test.name);
          return (
            <li
              key={test.name}
              className={`test-item${result ? (result.passed ? ' is-passed' : ' is-failed') : ''}`}
              data-testid="flow-test"
            >
              <div className="test-head">
                <span className="test-mark" aria-hidden="true">
                  {result ? (result.passed ? '✓' : '✗') : '•'}
                </span>
                <strong>{test.name}</strong>
                <span className="muted">{test.steps.length} steps</span>
                {result ? <span className="badge">{result.passed ? 'passed' : 'failed'}</span> : null}
                {editor.readOnly ? null : (
                  <button type="button" className="icon-button" aria-label={`Remove test ${test.name}`} onClick={() => remove(test.name)}>
                    ✕
                  </button>
                )}
              </div>
              {result?.failure ? (
                <dl className="test-failure">
                  <dt>Step {result.failure.step}</dt>
                  <dd>
                    <code>{result.failure.what}</code>
                  </dd>
                  <dt>Expected</dt>
                  <dd>{result.failure.expected}</dd>
                  <dt>Got</dt>
                  <dd>{result.failure.actual}</dd>
                </dl>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
