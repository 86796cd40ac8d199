import { useSyncExternalStore } from 'react';
import type { EditorState, FlowEditor } from '../editor/flow-editor';

/** The editor's state; re-renders on every change to it. */
export function useEditorState(editor: FlowEditor): EditorState {
  return useSyncExternalStore(editor.subscribe, editor.getState);
}
