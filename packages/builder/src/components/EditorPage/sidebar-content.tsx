import type { Problem } from '@chatflow/engine';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { FlowSettings } from '../FlowSettings';
import { NodeInspector } from '../NodeInspector';
import { ProblemsPanel } from '../ProblemsPanel';
import type { SidebarTab } from '../Sidebar';
import { TestsPanel } from '../TestsPanel';
import { VariablesPanel } from '../VariablesPanel';
import { VersionsPanel } from '../VersionsPanel';

interface SidebarContentProps {
  tab: SidebarTab;
  problems: readonly Problem[];
  versionsKey: number;
  onDuplicate: () => void;
  onCopy: () => void;
  onDeclareVariable: () => void;
  onRestore: ((version: number) => Promise<void>) | undefined;
}

/** What the open side panel tab shows, for the current selection. */
export function SidebarContent({ tab, problems, versionsKey, onDuplicate, onCopy, onDeclareVariable, onRestore }: SidebarContentProps) {
  const { editor } = useEditor();
  const { nodes, meta } = useEditorState(editor);
  if (tab === 'problems') return <ProblemsPanel problems={problems} />;
  if (tab === 'variables') return <VariablesPanel onDeclare={onDeclareVariable} />;
  if (tab === 'tests') return <TestsPanel />;
  if (tab === 'versions') return <VersionsPanel flowId={meta.id} reloadKey={versionsKey} onRestore={onRestore} />;
  const selected = nodes.filter((node) => node.selected);
  if (selected.length === 1) {
    const node = selected[0]!;
    return (
      <NodeInspector
        node={node}
        isStart={meta.start === node.id}
        problems={problems.filter((problem) => problem.nodeId === node.id)}
        onDuplicate={onDuplicate}
      />
    );
  }
  if (selected.length > 1) {
    return (
      <div className="multi-selection">
        <h2>{selected.length} nodes selected</h2>
        <p className="muted">Drag any of them to move them together. Copy them to paste in this or another flow.</p>
        {editor.readOnly ? null : (
          <div className="multi-actions">
            <button type="button" className="button button-small" onClick={onCopy}>
              Copy
            </button>
            <button type="button" className="button button-small" onClick={onDuplicate}>
              Duplicate
            </button>
            <button type="button" className="button button-small button-danger" onClick={() => editor.deleteSelection()}>
              Delete {selected.length} nodes
            </button>
          </div>
        )}
      </div>
    );
  }
  return <FlowSettings problems={problems} />;
}
