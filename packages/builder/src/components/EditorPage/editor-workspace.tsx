import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VersionInfo } from '../../api/flows-api';
import { useAiConfigured } from '../../hooks/use-ai-configured';
import { useAutoLayout } from '../../hooks/use-auto-layout';
import { useAutosave } from '../../hooks/use-autosave';
import { useClipboard } from '../../hooks/use-clipboard';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { navigate } from '../../hooks/use-hash-route';
import { useKeyboardShortcuts } from '../../hooks/use-keyboard-shortcuts';
import { usePublish } from '../../hooks/use-publish';
import { useRestoreVersion } from '../../hooks/use-restore-version';
import { SyncedTemplatesContext, useSyncedTemplates } from '../../hooks/use-synced-templates';
import { useValidation } from '../../hooks/use-validation';
import { Canvas } from '../Canvas';
import { NodeSearch } from '../NodeSearch';
import { Palette } from '../Palette';
import { ShortcutsHelp } from '../ShortcutsHelp';
import { Sidebar, type SidebarTab } from '../Sidebar';
import { SimulatorPanel } from '../SimulatorPanel';
import { DraftBar } from './draft-bar';
import { SidebarContent } from './sidebar-content';
import { VersionBar } from './version-bar';

/** Below this window width, opening the test chat folds the side panel away. */
const NARROW_SCREEN = 1500;

interface EditorWorkspaceProps {
  /** The published version on screen (read-only), if not the draft. */
  version?: VersionInfo | undefined;
  /** A version to restore as the draft on opening (from a read-only version's "Restore"). */
  restore?: number | undefined;
}

/** The editor: palette, canvas, the side panels and the test chat, with the keyboard wired up. */
export function EditorWorkspace({ version, restore }: EditorWorkspaceProps) {
  const { editor, status } = useEditor();
  const state = useEditorState(editor);
  const templates = useSyncedTemplates();
  const problems = useValidation(editor, status, useAiConfigured(), templates);
  const { status: saveStatus, autosave } = useAutosave(editor);
  const flow = useReactFlow();
  const layout = useAutoLayout();
  const restoreVersion = useRestoreVersion();
  const [tab, setTab] = useState<SidebarTab>('properties');
  const [folded, setFolded] = useState(false);
  const showTab = useCallback((next: SidebarTab) => {
    setTab(next);
    setFolded(false);
  }, []);
  const [testing, setTesting] = useState(false);
  const [help, setHelp] = useState(false);
  const [finding, setFinding] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const pointer = useRef<XYPosition | undefined>(undefined);
  const clipboard = useClipboard(useCallback(() => pointer.current, []));
  const { publish, publishing } = usePublish(editor, autosave, problems, {
    onPublished: useCallback(() => setVersionsKey((key) => key + 1), []),
    onShowProblems: useCallback(() => showTab('problems'), [showTab]),
  });

  // Once per opening (effects may run twice in development): restoring twice would be two undo steps.
  const restored = useRef(false);
  useEffect(() => {
    if (restore === undefined || restored.current) return;
    restored.current = true;
    history.replaceState(null, '', `#/flows/${encodeURIComponent(state.meta.id)}`);
    void restoreVersion(restore);
  }, [restore, restoreVersion, state.meta.id]);

  const selectedKey = state.nodes
    .filter((node) => node.selected)
    .map((node) => node.id)
    .join(',');
  useEffect(() => {
    if (!selectedKey) return;
    setTab('properties');
    setFolded(false);
  }, [selectedKey]);

  const toggleTest = () => {
    // On a laptop screen the chat takes the side panel's room; the panel comes back on selection.
    if (!testing && window.innerWidth < NARROW_SCREEN) setFolded(true);
    setTesting(!testing);
  };

  const duplicate = useCallback(() => {
    const payload = editor.copySelection();
    if (payload) editor.paste(payload);
  }, [editor]);

  useKeyboardShortcuts({
    undo: editor.undo,
    redo: editor.redo,
    duplicate,
    selectAll: () => editor.selectAll(),
    find: () => setFinding(true),
    save: () => void autosave.flush(),
    layout: () => void layout(),
    fit: () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 300 }),
    help: () => setHelp((open) => !open),
    escape: () => {
      if (help) setHelp(false);
      else if (finding) setFinding(false);
      else editor.select([]);
    },
  });

  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const readOnly = editor.readOnly;
  const bar = version ? (
    <VersionBar
      flowId={state.meta.id}
      version={version}
      name={state.meta.name}
      onRestore={() => navigate({ page: 'editor', flowId: state.meta.id, restore: version.version })}
      onTest={toggleTest}
      onFind={() => setFinding(true)}
      onHelp={() => setHelp(true)}
    />
  ) : (
    <DraftBar
      saveStatus={saveStatus}
      onRetrySave={() => void autosave.flush()}
      errors={errors}
      warnings={warnings}
      onShowProblems={() => showTab('problems')}
      onLayout={() => void layout()}
      onFind={() => setFinding(true)}
      onCopy={clipboard.copy}
      onPaste={clipboard.paste}
      onHelp={() => setHelp(true)}
      testing={testing}
      onTest={toggleTest}
      publishing={publishing}
      onPublish={() => void publish()}
    />
  );

  return (
    <SyncedTemplatesContext.Provider value={templates}>
      <div className={`editor${readOnly ? ' is-readonly' : ''}`}>
        {bar}
        <div className="editor-body">
          {readOnly ? null : <Palette />}
          <div className="editor-canvas">
            <Canvas
              onPointer={(position) => {
                pointer.current = position;
              }}
            />
            {finding ? <NodeSearch onClose={() => setFinding(false)} /> : null}
          </div>
          <Sidebar tab={tab} onTab={showTab} errors={errors} warnings={warnings} collapsed={folded} onCollapsedChange={setFolded}>
            <SidebarContent
              tab={tab}
              problems={problems}
              versionsKey={versionsKey}
              onDuplicate={duplicate}
              onCopy={clipboard.copy}
              onDeclareVariable={() => {
                editor.select([]);
                showTab('properties');
              }}
              onRestore={readOnly ? undefined : restoreVersion}
            />
          </Sidebar>
          {testing ? <SimulatorPanel onClose={() => setTesting(false)} /> : null}
        </div>
        {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
      </div>
    </SyncedTemplatesContext.Provider>
  );
}
