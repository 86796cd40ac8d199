import type { SaveStatus } from '../../editor/autosave';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { SaveIndicator } from '../SaveIndicator';
import { TopBar } from '../TopBar';
import { TrafficButton } from '../TrafficButton';

interface DraftBarProps {
  saveStatus: SaveStatus;
  onRetrySave: () => void;
  errors: number;
  warnings: number;
  onShowProblems: () => void;
  onLayout: () => void;
  onFind: () => void;
  onCopy: () => void;
  onPaste: () => void;
  onHelp: () => void;
  testing: boolean;
  onTest: () => void;
  publishing: boolean;
  onPublish: () => void;
}

/** The top bar over a draft: its name, save state, editing tools, problems, test and publish. */
export function DraftBar(props: DraftBarProps) {
  const { editor } = useEditor();
  const { meta, canUndo, canRedo } = useEditorState(editor);
  const { errors, warnings } = props;
  const pill = errors ? 'has-errors' : warnings ? 'has-warnings' : 'is-clean';
  return (
    <TopBar
      title={
        <>
          <input
            className="topbar-name"
            aria-label="Flow name"
            value={meta.name}
            onChange={(event) => editor.updateMeta({ ...meta, name: event.target.value }, 'name')}
            onBlur={() => editor.endEdit()}
            size={Math.max(12, meta.name.length + 2)}
          />
          <SaveIndicator status={props.saveStatus} onRetry={props.onRetrySave} />
        </>
      }
      tools={
        <>
          <button type="button" className="tool-button" onClick={editor.undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" className="tool-button" onClick={editor.redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
            ↷ Redo
          </button>
          <span className="divider" />
          <button type="button" className="tool-button" onClick={props.onCopy} title="Copy the selected nodes (Ctrl+C)">
            Copy
          </button>
          <button type="button" className="tool-button" onClick={props.onPaste} title="Paste copied nodes, also from another flow (Ctrl+V)">
            Paste
          </button>
          <span className="divider" />
          <button type="button" className="tool-button" onClick={props.onLayout} title="Lay the flow out automatically (Shift+L)">
            ⊞ Tidy up
          </button>
          <button type="button" className="tool-button" onClick={props.onFind} title="Find a node by its text (Ctrl+F)">
            🔍 Find
          </button>
          <TrafficButton flowId={meta.id} />
        </>
      }
      actions={
        <>
          <button type="button" className={`problems-pill ${pill}`} onClick={props.onShowProblems} title="Show the problems list">
            {errors ? `⛔ ${errors} error${errors === 1 ? '' : 's'}` : '✓ No errors'}
            {warnings ? ` · ⚠ ${warnings}` : ''}
          </button>
          <button
            type="button"
            className="button button-ghost"
            onClick={props.onHelp}
            title="Keyboard shortcuts (?)"
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
          <button
            type="button"
            className={`button${props.testing ? ' is-pressed' : ''}`}
            onClick={props.onTest}
            title="Chat with this draft as a customer would"
          >
            ▶ Test
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={props.onPublish}
            disabled={props.publishing}
            title={errors ? `Fix the ${errors} error(s) first` : 'Freeze this draft as a new version that customers get'}
          >
            {props.publishing ? 'Publishing…' : 'Publish'}
          </button>
        </>
      }
    />
  );
}
