import { createContext, useContext } from 'react';
import type { CanvasStatus } from '../editor/canvas-status';
import type { FlowEditor } from '../editor/flow-editor';

/** The flow open in the editor page and what the canvas shows on its nodes. */
export interface EditorContextValue {
  editor: FlowEditor;
  status: CanvasStatus;
}

export const EditorContext = createContext<EditorContextValue | undefined>(undefined);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor needs the EditorContext of the editor page');
  return value;
}
