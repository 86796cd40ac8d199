/** Everything the editor does from the keyboard; the help panel (`?`) lists this same table. */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'delete'
  | 'find'
  | 'save'
  | 'layout'
  | 'fit'
  | 'help'
  | 'escape';

export interface Shortcut {
  action: ShortcutAction;
  /** As shown in the help panel; `Mod` is ⌘ on a Mac and Ctrl elsewhere. */
  keys: string[];
  description: string;
}

export const shortcuts: readonly Shortcut[] = [
  { action: 'undo', keys: ['Mod+Z'], description: 'Undo' },
  { action: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo' },
  { action: 'copy', keys: ['Mod+C'], description: 'Copy the selected nodes (paste them in any flow)' },
  { action: 'cut', keys: ['Mod+X'], description: 'Cut the selected nodes' },
  { action: 'paste', keys: ['Mod+V'], description: 'Paste nodes at the pointer' },
  { action: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected nodes' },
  { action: 'selectAll', keys: ['Mod+A'], description: 'Select every node' },
  { action: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selected nodes and connections' },
  { action: 'find', keys: ['Mod+F'], description: 'Find a node by its text' },
  { action: 'save', keys: ['Mod+S'], description: 'Save now (drafts also save by themselves)' },
  { action: 'layout', keys: ['Shift+L'], description: 'Tidy up: lay the flow out automatically' },
  { action: 'fit', keys: ['Shift+1'], description: 'Zoom to fit the whole flow' },
  { action: 'help', keys: ['?'], description: 'Show this list' },
  { action: 'escape', keys: ['Esc'], description: 'Close a panel, or clear the selection' },
];

/** Mouse gestures, listed in the help panel under the keys. */
export const gestures: readonly { gesture: string; description: string }[] = [
  { gesture: 'Drag from the palette', description: 'Add a node where you drop it' },
  { gesture: 'Click in the palette', description: 'Add a node after the selected one, connected' },
  { gesture: 'Drag from a handle ● to a node', description: 'Connect an exit to the next step' },
  { gesture: 'Shift + drag', description: 'Select several nodes with a box' },
  { gesture: 'Mod + click', description: 'Add a node to the selection' },
  { gesture: 'Drag the background, scroll', description: 'Move around, zoom' },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A key combination for display: `Mod` becomes ⌘ or Ctrl. */
export function displayKeys(keys: string): string {
  return keys.replace('Mod', isMac ? '⌘' : 'Ctrl');
}

/** The action a key press asks for, or undefined. Copy, cut and paste come as clipboard events. */
export function actionFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): ShortcutAction | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return undefined;
  if (mod) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    if (key === 'd') return 'duplicate';
    if (key === 'a') return 'selectAll';
    if (key === 'f') return 'find';
    if (key === 's') return 'save';
    return undefined;
  }
  if (event.key === '?') return 'help';
  if (event.key === 'Escape') return 'escape';
  if (event.shiftKey && key === 'l') return 'layout';
  if (event.shiftKey && (event.key === '!' || event.key === '1')) return 'fit';
  return undefined;
}
